// A request's status as a badge colour: waiting amber, applied green, closed without effect grey.
export const requestStatusTone = { pending: "amber", approved: "green", rejected: "grey", cancelled: "grey" } as const;
