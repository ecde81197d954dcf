/** The administrator the setup project signs up first (the first account of the fresh e2e database). */
export const ADMIN = { name: "Grace Admin", email: "grace-admin@example.com", password: "an administrator passphrase" };
export const ADMIN_STATE = "test-results/admin-state.json";
