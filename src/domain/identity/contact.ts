/** An e-mail recipient: a focal point of a Member State, or an observer (information copies). */
export interface Contact {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'focal_point' | 'observer';
  readonly memberState: string | null;
  readonly language: string;
  readonly active: boolean;
  readonly createdAt: number;
}
