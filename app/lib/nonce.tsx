/**
 * The CSP nonce for inline scripts and styles. Set during server rendering; in the browser it is
 * empty, as browsers hide nonce values from the DOM anyway.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
