CREATE TABLE `search_docs` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`user_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	`model` text,
	`embedding` blob,
	`list_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_message_unique` ON `search_docs` (`message_id`);--> statement-breakpoint
CREATE INDEX `search_docs_user_list_idx` ON `search_docs` (`user_id`,`list_id`);--> statement-breakpoint
CREATE INDEX `search_docs_conversation_idx` ON `search_docs` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `search_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`model` text NOT NULL,
	`centroid` blob NOT NULL,
	`size` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_lists_user_idx` ON `search_lists` (`user_id`,`model`,`id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `use_history` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit does not model virtual tables): the words of search_docs for FTS5
-- BM25, an external-content index kept in step with search_docs by the triggers below.
CREATE VIRTUAL TABLE `search_fts` USING fts5(content, content='search_docs', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `search_docs_ai` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO search_fts(rowid, content) VALUES (new.seq, new.content);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_ad` AFTER DELETE ON `search_docs` BEGIN
  INSERT INTO search_fts(search_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_au` AFTER UPDATE OF content ON `search_docs` BEGIN
  INSERT INTO search_fts(search_fts, rowid, content) VALUES ('delete', old.seq, old.content);
  INSERT INTO search_fts(rowid, content) VALUES (new.seq, new.content);
END;
