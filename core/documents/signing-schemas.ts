import { z } from 'zod';
import { fileSignatureSummarySchema } from '../files/signature-views.ts';
import { issuedDocumentSchema } from './register-schemas.ts';

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
  /** What the current PDF itself proves, each signature checked and trusted against the list now. */
  signature: fileSignatureSummarySchema.nullable(),
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
