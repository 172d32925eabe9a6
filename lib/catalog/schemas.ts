// Catalog inputs validated in more than one place: the catalog page parses its address with the
// same schema the procedure validates.
import { z } from "zod";
import { LEVELS, slug } from "../content/schema";

export const catalogListInput = z.object({
  category: slug.optional(),
  level: z.enum(LEVELS).optional(),
  query: z.string().trim().max(100).optional(),
});
