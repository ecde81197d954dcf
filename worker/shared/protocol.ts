/**
 * The conversation WebSocket protocol (SPEC §4): wire types shared by the Worker, the Durable
 * Object and the frontend. zod parses whatever comes off the wire; the unions are exhaustive.
 */
import { z } from "zod";

/** A hard cap on the wire; the configured MAX_MESSAGE_CHARS (default 32,000) is enforced by the room. */
export const MAX_CONTENT_CHARS = 1_000_000;

const content = z.string().min(1, "must not be empty").max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`);

export const clientMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("send"),
    content,
    model: z.string().min(1).max(200).optional(),
    clientId: z.string().min(1).max(100),
    /** The message this one answers (the end of the branch on screen); the newest message when absent. */
    parentId: z.string().min(1).max(64).optional(),
  }),
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("regenerate"), messageId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("edit"), messageId: z.string().min(1).max(64), content }),
  z.object({ type: z.literal("resume"), messageId: z.string().min(1).max(64), seq: z.number().int().min(0) }),
  z.object({ type: z.literal("ping") }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type FinishReason = "stop" | "length" | "stopped" | "error";

export type StoredMessage = {
  id: string;
  parentId: string | null;
  role: "user" | "assistant";
  content: string;
  model: string | null;
  status: "streaming" | "complete";
  finishReason: FinishReason | null;
  usage: Usage | null;
  clientId: string | null;
  createdAt: string;
  /** The passages of the person's history this reply was given ("use my history"); absent otherwise. */
  citations?: Citation[];
};

/** A passage from another of the person's conversations that a reply was given, numbered from 1. */
export type Citation = { n: number; messageId: string; conversationId: string; conversationTitle: string; snippet: string };

export type Usage = { promptTokens: number; completionTokens: number; host?: string; ttftMs?: number };

export type ServerMessage =
  | { type: "message"; message: StoredMessage; clientId?: string }
  | { type: "token"; messageId: string; seq: number; delta: string }
  | { type: "done"; messageId: string; usage: Usage; finishReason: FinishReason }
  | { type: "error"; messageId?: string; code: string; message: string }
  | { type: "state"; streaming: { messageId: string; seq: number } | null }
  | { type: "pong" };
