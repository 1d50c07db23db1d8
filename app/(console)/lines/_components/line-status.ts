// A line's status as a badge colour: in use green, on hold or on its way back amber, finished grey.
export const lineStatusTone = {
  active: "green",
  suspended: "amber",
  pending_return: "amber",
  returned: "grey",
  cancelled: "grey",
  ported_out: "grey",
} as const;
