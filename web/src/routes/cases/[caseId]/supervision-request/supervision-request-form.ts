import { SupervisionRequestInput } from '@kikan/shared/difficult-api';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export const checkSupervisionRequestForm = (topic: string): FormCheck<SupervisionRequestInput> =>
  checkInput(SupervisionRequestInput, { topic });
