BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_mys_quote_tv_idx
--
DROP INDEX "pots_mys_quote_ticker_venue_ac5c6839_idx";
CREATE INDEX "pots_mys_quote_tv_idx" ON "pots_mys_quote" ("ticker", "venue");
--
-- Alter field ticker on quote
--
CREATE TABLE "new__pots_mys_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_mys_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "ticker" varchar(12) NOT NULL);
INSERT INTO "new__pots_mys_quote" ("id", "venue", "volume", "price", "customer_id", "ticker") SELECT "id", "venue", "volume", "price", "customer_id", "ticker" FROM "pots_mys_quote";
DROP TABLE "pots_mys_quote";
ALTER TABLE "new__pots_mys_quote" RENAME TO "pots_mys_quote";
CREATE INDEX "pots_mys_quote_venue_dba74529" ON "pots_mys_quote" ("venue");
CREATE INDEX "pots_mys_quote_customer_id_67b97178" ON "pots_mys_quote" ("customer_id");
CREATE INDEX "pots_mys_quote_tv_idx" ON "pots_mys_quote" ("ticker", "venue");
--
-- Alter field venue on quote
--
CREATE TABLE "new__pots_mys_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_mys_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "venue" varchar(20) NOT NULL);
INSERT INTO "new__pots_mys_quote" ("id", "ticker", "volume", "price", "customer_id", "venue") SELECT "id", "ticker", "volume", "price", "customer_id", "venue" FROM "pots_mys_quote";
DROP TABLE "pots_mys_quote";
ALTER TABLE "new__pots_mys_quote" RENAME TO "pots_mys_quote";
CREATE INDEX "pots_mys_quote_customer_id_67b97178" ON "pots_mys_quote" ("customer_id");
CREATE INDEX "pots_mys_quote_tv_idx" ON "pots_mys_quote" ("ticker", "venue");
--
-- Alter field volume on quote
--
CREATE TABLE "new__pots_mys_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "venue" varchar(20) NOT NULL, "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_mys_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "volume" bigint NOT NULL);
INSERT INTO "new__pots_mys_quote" ("id", "ticker", "venue", "price", "customer_id", "volume") SELECT "id", "ticker", "venue", "price", "customer_id", "volume" FROM "pots_mys_quote";
DROP TABLE "pots_mys_quote";
ALTER TABLE "new__pots_mys_quote" RENAME TO "pots_mys_quote";
CREATE INDEX "pots_mys_quote_customer_id_67b97178" ON "pots_mys_quote" ("customer_id");
CREATE INDEX "pots_mys_quote_tv_idx" ON "pots_mys_quote" ("ticker", "venue");
--
-- Remove field customer from quote
--
CREATE TABLE "new__pots_mys_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL, "venue" varchar(20) NOT NULL, "volume" bigint NOT NULL, "price" decimal NOT NULL);
INSERT INTO "new__pots_mys_quote" ("id", "ticker", "venue", "volume", "price") SELECT "id", "ticker", "venue", "volume", "price" FROM "pots_mys_quote";
DROP TABLE "pots_mys_quote";
ALTER TABLE "new__pots_mys_quote" RENAME TO "pots_mys_quote";
CREATE INDEX "pots_mys_quote_tv_idx" ON "pots_mys_quote" ("ticker", "venue");
COMMIT;
