import type { GateResult } from '../domain/index.js';
import type { Gate, PlanContext } from './plan-context.js';
import { buyingPowerGate } from './buying-power-gate.js';
import { marketHoursGate } from './market-hours-gate.js';
import { positionSizeGate } from './position-size-gate.js';
import { regimeComplianceGate } from './regime-compliance-gate.js';
import { structureGate } from './structure-gate.js';
import { symbolValidityGate } from './symbol-validity-gate.js';
import { totalAllocationGate } from './total-allocation-gate.js';

export type { GatesConfig, PlanContext } from './plan-context.js';

export interface PlanValidation {
  readonly passed: boolean;
  readonly gates: readonly GateResult[];
}

/** In id order; every gate always runs so the report shows all problems at once. */
const GATES: readonly Gate[] = [
  structureGate,
  buyingPowerGate,
  positionSizeGate,
  totalAllocationGate,
  marketHoursGate,
  symbolValidityGate,
  regimeComplianceGate,
];

export function validatePlan(ctx: PlanContext): PlanValidation {
  const gates = GATES.map((gate) => gate(ctx));
  return { passed: gates.every((gate) => gate.status !== 'fail'), gates };
}
