/** JSON binding of the canonical model (kept outside it, so the model imports no framework). */
package dev.tributary.json;
