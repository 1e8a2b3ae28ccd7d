import { z } from 'zod';
import { issuedDocumentSchema } from './register-schemas.ts';

const msgSchema = z.object({ vi: z.string(), en: z.string() });

/** An issued document on its way out: its PDF, its signatures as recorded and as its PDF proves them. */
export const documentSigningSchema = z.object({
  document: issuedDocumentSchema,
  preparedAt: z.string().nullable(),
  awaitingOutside: z.boolean(),
  signatures: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['person', 'organisation', 'outside']),
      signerName: z.string(),
      organisation: z.string().nullable(),
      serial: z.string(),
      signedAt: z.string(),
      byName: z.string().nullable(),
    }),
  ),
  /** Read from the PDF itself, each signature checked and its chain against the trust list now. */
  verified: z.array(
    z.object({
      signer: z.string().nullable(),
      organisation: z.string().nullable(),
      signedAt: z.string().nullable(),
      timestamped: z.boolean(),
      intact: z.boolean(),
      trusted: z.boolean(),
      changesAfter: z.string(),
      reason: msgSchema.nullable(),
    }),
  ),
  next: z.enum(['prepare', 'sign', 'seal', 'done', 'void']),
  canPrepare: z.boolean(),
  canSign: z.boolean(),
  canSeal: z.boolean(),
  myCertificate: z
    .object({
      id: z.number().int(),
      subjectName: z.string(),
      organisation: z.string().nullable(),
      issuerName: z.string(),
      notAfter: z.string(),
      hasImage: z.boolean(),
    })
    .nullable(),
});
export type DocumentSigning = z.infer<typeof documentSigningSchema>;
