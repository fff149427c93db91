BEGIN;
--
-- Create model Quote
--
CREATE TABLE "pots_pos_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL UNIQUE, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_pos_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_pos_quote_ticker_venue_6104343c_idx" ON "pots_pos_quote" ("ticker", "venue");
CREATE INDEX "pots_pos_quote_venue_aed8e4e4" ON "pots_pos_quote" ("venue");
CREATE INDEX "pots_pos_quote_customer_id_469eed8f" ON "pots_pos_quote" ("customer_id");
COMMIT;
