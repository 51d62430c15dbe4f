// Texts of the dashboard pages, in English and French.
export const dashboardEn = {
} as const;

export const dashboardFr: Record<keyof typeof dashboardEn, string> = {
};
