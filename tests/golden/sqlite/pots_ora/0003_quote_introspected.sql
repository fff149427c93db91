BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_ora_quote_tv_idx
--
DROP INDEX "pots_ora_quote_ticker_venue_0d69abb2_idx";
CREATE INDEX "pots_ora_quote_tv_idx" ON "pots_ora_quote" ("ticker", "venue");
--
-- Alter field ticker on quote
--
CREATE TABLE "new__pots_ora_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_ora_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "ticker" varchar(12) NOT NULL);
INSERT INTO "new__pots_ora_quote" ("id", "venue", "volume", "price", "customer_id", "ticker") SELECT "id", "venue", "volume", "price", "customer_id", "ticker" FROM "pots_ora_quote";
DROP TABLE "pots_ora_quote";
ALTER TABLE "new__pots_ora_quote" RENAME TO "pots_ora_quote";
CREATE INDEX "pots_ora_quote_venue_52c6ec88" ON "pots_ora_quote" ("venue");
CREATE INDEX "pots_ora_quote_customer_id_9cca72b2" ON "pots_ora_quote" ("customer_id");
CREATE INDEX "pots_ora_quote_tv_idx" ON "pots_ora_quote" ("ticker", "venue");
--
-- Alter field venue on quote
--
CREATE TABLE "new__pots_ora_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_ora_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "venue" varchar(20) NOT NULL);
INSERT INTO "new__pots_ora_quote" ("id", "ticker", "volume", "price", "customer_id", "venue") SELECT "id", "ticker", "volume", "price", "customer_id", "venue" FROM "pots_ora_quote";
DROP TABLE "pots_ora_quote";
ALTER TABLE "new__pots_ora_quote" RENAME TO "pots_ora_quote";
CREATE INDEX "pots_ora_quote_customer_id_9cca72b2" ON "pots_ora_quote" ("customer_id");
CREATE INDEX "pots_ora_quote_tv_idx" ON "pots_ora_quote" ("ticker", "venue");
--
-- Alter field volume on quote
--
CREATE TABLE "new__pots_ora_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "venue" varchar(20) NOT NULL, "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_ora_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "volume" bigint NOT NULL);
INSERT INTO "new__pots_ora_quote" ("id", "ticker", "venue", "price", "customer_id", "volume") SELECT "id", "ticker", "venue", "price", "customer_id", "volume" FROM "pots_ora_quote";
DROP TABLE "pots_ora_quote";
ALTER TABLE "new__pots_ora_quote" RENAME TO "pots_ora_quote";
CREATE INDEX "pots_ora_quote_customer_id_9cca72b2" ON "pots_ora_quote" ("customer_id");
CREATE INDEX "pots_ora_quote_tv_idx" ON "pots_ora_quote" ("ticker", "venue");
--
-- Remove field customer from quote
--
CREATE TABLE "new__pots_ora_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "venue" varchar(20) NOT NULL, "volume" bigint NOT NULL, "price" decimal NOT NULL);
INSERT INTO "new__pots_ora_quote" ("id", "ticker", "venue", "volume", "price") SELECT "id", "ticker", "venue", "volume", "price" FROM "pots_ora_quote";
DROP TABLE "pots_ora_quote";
ALTER TABLE "new__pots_ora_quote" RENAME TO "pots_ora_quote";
CREATE INDEX "pots_ora_quote_tv_idx" ON "pots_ora_quote" ("ticker", "venue");
COMMIT;
