BEGIN;
--
-- Create model Quote
--
CREATE TABLE "pots_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL UNIQUE, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_quote_ticker_venue_b8297eec_idx" ON "pots_quote" ("ticker", "venue");
CREATE INDEX "pots_quote_venue_40ce66f3" ON "pots_quote" ("venue");
CREATE INDEX "pots_quote_customer_id_ff34b001" ON "pots_quote" ("customer_id");
COMMIT;
