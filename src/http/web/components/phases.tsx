import { type Locale, t } from '../../../i18n/i18n.js';
import type { PhasesView } from '../presenters/phases.presenter.js';
import { Ltr } from './bidi.js';

/**
 * The steps of a consultation (its procedure's phases as windows in time), in order, the current
 * one marked for assistive technology with `aria-current="step"`. `level` is the heading level of
 * the page's sections.
 */
export function PhaseSteps({ locale, phases, level = 2 }: { locale: Locale; phases: PhasesView; level?: 2 | 3 }) {
  if (phases.steps.length === 0) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="phases-title" class="phase-steps">
      <Heading id="phases-title">{t(locale, 'public.phases.title')}</Heading>
      <ol>
        {phases.steps.map((step) => (
          <li class={`phase-step phase-${step.state}`} aria-current={step.isCurrent ? 'step' : undefined}>
            <strong>{step.name}</strong> <span class={`tag phase-tag-${step.state}`}>{step.stateLabel}</span>
            <br />
            {step.when} <Ltr class="citation">{step.citation}</Ltr>
          </li>
        ))}
      </ol>
    </section>
  );
}
