/**
 * Registering an application that pushes petitions through Open311: its name and the channel its
 * petitions are recorded under (the province's own app, or the national portal's connector).
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { text } from '../text/fields.ts';

export const OPEN311_CHANNELS = ['app', 'portal'] as const;
export type Open311Channel = (typeof OPEN311_CHANNELS)[number];

export const registerClientSchema = z.object({
  name: text(200, zodMsg('Hãy đặt tên ứng dụng.', 'Name the application.')),
  channel: z.enum(OPEN311_CHANNELS, {
    error: zodMsg('Hãy chọn kênh của ứng dụng.', "Choose the application's channel."),
  }),
});
export type RegisterClient = z.output<typeof registerClientSchema>;

export const OPEN311_CLIENT_SORT_FIELDS = ['name', 'createdAt'] as const;
