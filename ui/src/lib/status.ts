import type { ControlStatus } from "./generated/ControlStatus";

/** How each control status reads on screen: one place, so badges and cells agree. */
export const STATUS_LABEL: Record<ControlStatus, string> = {
  covered: "Covered",
  partial: "Partial",
  gap: "Gap",
  waived: "Waived",
  not_applicable: "Not applicable",
};
