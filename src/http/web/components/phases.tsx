import { type Locale, t } from '../../../i18n/i18n.js';
import type { PhasesView } from '../presenters/phases.presenter.js';

/**
 * The steps of a consultation (its procedure's phases as windows in time), in order, the current
 * one marked for assistive technology with `aria-current="step"`; nothing when there are none.
 */
export function PhaseSteps({ locale, phases }: { locale: Locale; phases: PhasesView }) {
  if (phases.steps.length === 0) return null;
  return (
    <section aria-labelledby="phases-title" class="phase-steps">
      <h2 id="phases-title">{t(locale, 'public.phases.title')}</h2>
      <ol>
        {phases.steps.map((step) => (
          <li class={`phase-step phase-${step.state}`} aria-current={step.isCurrent ? 'step' : undefined}>
            <strong>{step.name}</strong> <span class={`tag phase-tag-${step.state}`}>{step.stateLabel}</span>
            <br />
            {step.when} <bdi class="citation">{step.citation}</bdi>
          </li>
        ))}
      </ol>
    </section>
  );
}
