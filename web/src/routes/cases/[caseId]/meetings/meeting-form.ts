import { MeetingInput } from '@kikan/shared';
import { checkInput, linesOf, type FormCheck } from '#lib/forms.ts';

type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export interface AttendeeValues {
  key: string;
  name: string;
  organisation: string;
  role: string;
}

/** 役割分担: who does what by when (seed 003: collaboration without concrete roles fails). */
export interface AssignmentValues {
  key: string;
  who: string;
  organisation: string;
  what: string;
  dueOn: string;
}

export interface MeetingFormValues {
  heldOn: string;
  /** 開催場所 and 開催時間 (HH:MM, either left blank) of the national 会議録. */
  place: string;
  startTime: string;
  endTime: string;
  /** The plan version discussed, as the select's value: '' for none. */
  planVersion: string;
  /** 会議の目的・検討した項目 */
  agenda: string;
  attendees: AttendeeValues[];
  opinions: string;
  decisions: string;
  assignments: AssignmentValues[];
  /** One item per line: what the meeting could not solve (kept for regional issues). */
  unsolvedItems: string;
}

export const emptyAttendee = (newKey: NewKey = randomKey): AttendeeValues => ({
  key: newKey(),
  name: '',
  organisation: '',
  role: '',
});

export const emptyAssignment = (newKey: NewKey = randomKey): AssignmentValues => ({
  key: newKey(),
  who: '',
  organisation: '',
  what: '',
  dueOn: '',
});

/** The specialist who holds the meeting attends it: the first row starts with their name. */
export const emptyMeetingForm = (
  today: string,
  host: { name: string; organisation: string },
  newKey: NewKey = randomKey,
): MeetingFormValues => ({
  heldOn: today,
  place: '',
  startTime: '',
  endTime: '',
  planVersion: '',
  agenda: '',
  attendees: [
    { key: newKey(), name: host.name, organisation: host.organisation, role: '相談支援専門員' },
    emptyAttendee(newKey),
  ],
  opinions: '',
  decisions: '',
  assignments: [emptyAssignment(newKey)],
  unsolvedItems: '',
});

const blank = (...values: string[]) => values.every((value) => value.trim() === '');

/** Rows left entirely empty are spare rows, not sent; a half-filled row is sent and checked. */
const blankAsUndefined = (value: string) => (value.trim() === '' ? undefined : value);

export const toMeetingBody = (values: MeetingFormValues) => ({
  heldOn: values.heldOn,
  place: values.place,
  startTime: blankAsUndefined(values.startTime),
  endTime: blankAsUndefined(values.endTime),
  planVersion: values.planVersion === '' ? undefined : Number(values.planVersion),
  agenda: values.agenda,
  attendees: values.attendees
    .filter((row) => !blank(row.name, row.organisation, row.role))
    .map(({ name, organisation, role }) => ({ name, organisation, role })),
  opinions: values.opinions,
  decisions: values.decisions,
  assignments: values.assignments
    .filter((row) => !blank(row.who, row.organisation, row.what, row.dueOn))
    .map(({ who, organisation, what, dueOn }) => ({ who, organisation, what, dueOn })),
  unsolvedItems: linesOf(values.unsolvedItems),
});

export const checkMeetingForm = (values: MeetingFormValues): FormCheck<MeetingInput> =>
  checkInput(MeetingInput, toMeetingBody(values));

const LABELS: Record<string, string> = {
  heldOn: '開催日',
  place: '開催場所',
  startTime: '開始時刻',
  endTime: '終了時刻',
  planVersion: '検討した計画',
  agenda: '検討した項目',
  attendees: '出席者',
  opinions: '検討内容（出席者の意見）',
  decisions: '結論（決定事項）',
  assignments: '役割分担',
  unsolvedItems: '残された課題',
};
const ATTENDEE_LABELS: Record<string, string> = { name: '氏名', organisation: '所属', role: '役割・職種' };
const ASSIGNMENT_LABELS: Record<string, string> = {
  who: '誰が',
  organisation: '所属',
  what: '何を',
  dueOn: 'いつまでに',
};

export const meetingInputLabel = (name: string): string => {
  const [head, row, field] = name.split('.');
  if (row !== undefined && field !== undefined) {
    if (head === 'attendees') return `出席者${Number(row) + 1}：${ATTENDEE_LABELS[field] ?? field}`;
    if (head === 'assignments') return `役割分担${Number(row) + 1}：${ASSIGNMENT_LABELS[field] ?? field}`;
  }
  return LABELS[name] ?? name;
};
