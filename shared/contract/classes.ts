import { z } from 'zod';
import { Id, Instant, Text } from './common';

const Name = Text(120).refine((s) => s.trim().length > 0, 'name is empty');
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour');

export const Class = z.object({
  id: Id,
  name: z.string(),
  code: z.string().nullable(),
  color: z.string().nullable(),
  source: z.enum(['local', 'platform']),
  archived_at: Instant.nullable(),
});
export type Class = z.infer<typeof Class>;

export const ClassListInput = z.strictObject({ include_archived: z.boolean().default(false) });
export const ClassListOutput = z.object({ classes: z.array(Class) });
export const ClassCreateInput = z.strictObject({ name: Name, code: Text(40).nullish(), color: Color.nullish() });
export const ClassUpdateInput = z.strictObject({
  class_id: Id,
  name: Name.optional(),
  code: Text(40).nullish(),
  color: Color.nullish(),
});
export const ClassArchiveInput = z.strictObject({ class_id: Id, archived: z.boolean().default(true) });
export const ClassOutput = z.object({ class: Class });

export const ASSIGNMENT_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const Assignment = z.object({
  id: Id,
  class_id: Id.nullable(),
  class_name: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  due_at: Instant.nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  completed_at: Instant.nullable(),
  source: z.enum(['local', 'platform']),
});
export const AssignmentListInput = z.strictObject({
  class_id: Id.optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
});
export const AssignmentListOutput = z.object({ assignments: z.array(Assignment) });
export const AssignmentCreateInput = z.strictObject({
  title: Text(200).refine((s) => s.trim().length > 0, 'title is empty'),
  class_id: Id.nullish(),
  description: Text(10_000).nullish(),
  due_at: Instant.nullish(),
});
export const AssignmentSetStatusInput = z.strictObject({ assignment_id: Id, status: z.enum(ASSIGNMENT_STATUSES) });
export const AssignmentOutput = z.object({ assignment: Assignment });
