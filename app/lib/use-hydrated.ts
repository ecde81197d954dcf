/** False on the server and during hydration, true afterwards: for output that must match the server's first. */
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
