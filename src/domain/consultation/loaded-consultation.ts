import type { Procedure } from '../procedure/procedure.js';
import type { Consultation, DeterminedText } from './consultation.js';

/** A consultation with its texts and the procedure it follows, as a use-case works on it. */
export interface LoadedConsultation {
  readonly consultation: Consultation;
  readonly revision: number;
  readonly texts: DeterminedText[];
  readonly procedure: Procedure;
}
