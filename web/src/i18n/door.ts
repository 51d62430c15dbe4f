// Texts of the door pages, in English and French.
export const doorEn = {
} as const;

export const doorFr: Record<keyof typeof doorEn, string> = {
};
