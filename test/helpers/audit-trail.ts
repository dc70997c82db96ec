/** A long audit trail written fast, and a counter of what a query reads: shared with the benchmark (bench/receipt-verify.ts). */
export { fillAuditTrail, readCounter } from '../../bench/audit-trail.js';
