import {
  CLOSURE_REASONS,
  addDays,
  ageOn,
  nextDueWithinDecision,
  todayInJapan,
  type AnonymousConsultation,
  type Assessment,
  type AssessmentContent,
  type ConsentView,
  type Consultation,
  type Meeting,
  type Monitoring,
  type PhaseChange,
  type Plan,
  type PlanContent,
  type PlanServiceType,
  type WeeklyEntry,
  type Weekday,
  type ServiceDecision,
  type ServiceKind,
} from '@kikan/shared';
import type { CaseRecord } from '../src/data/case-store.ts';
import { cycleRecordItem, type CycleRecord } from '../src/data/cycle-store.ts';
import { consentItem, personIndexItems, recipientHolderItems } from '../src/data/person-store.ts';
import {
  anonymousConsultationItem,
  assessmentItem,
  consultationItem,
  meetingItem,
  openAssignmentItem,
  planItem,
} from '../src/data/record-store.ts';
import { DEMO_OFFICES, DEMO_USERS, demoCases, finalPlanConsentOn, type DemoCase } from './demo-data.ts';

/**
 * Fictional records around the demo cases, so every screen has something to show: finalised
 * assessments on some cases, plan versions (drafts, final plans, plan reviews), service decisions and monitorings (the ones demo-data.ts
 * counted in each case's activity), closures, service staff meetings with open and overdue role
 * assignments, consultation records, consents (one revoked) and anonymous basic consultations.
 * Deterministic for a given day, like the cases themselves; every name is invented.
 */

const minDate = (a: string, b: string): string => (a < b ? a : b);
const maxDate = (a: string, b: string): string => (a > b ? a : b);

const service = (serviceType: PlanServiceType, content: string, amount: string, provider: string) => ({
  serviceType,
  content,
  amount,
  provider,
});

const entry = (
  days: readonly Weekday[],
  start: string,
  end: string,
  label: string,
  kind: WeeklyEntry['kind'] = 'service',
): WeeklyEntry[] => days.map((day) => ({ day, start, end, label, kind }));
const WEEKDAYS_ONLY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const CHILD_PLAN: PlanContent = {
  personWishes: '友だちと一緒に放課後を過ごしたい。来年は自分で電車に乗って出かけてみたい。',
  familyWishes: '学校以外にも安心して過ごせる場所がほしい。母の就労時間を確保したい。',
  overallPolicy:
    '本人の「やってみたい」を大切にしながら、学校・家庭・事業所が同じ目標で関わり、生活の幅を少しずつ広げる。',
  longTermGoal: '自分の気持ちを言葉や絵カードで伝え、地域の中で過ごせる場所を増やす。',
  shortTermGoal: '放課後等デイサービスに週3日通い、集団の中で順番を待つ経験を重ねる。',
  needs: [
    {
      priority: 1,
      need: '放課後に安心して過ごせる場所がほしい',
      goal: '週3日、放課後等デイサービスで落ち着いて過ごす',
      period: '6か月',
      services: [service('after_school_day', '集団活動と個別課題', '月13日', 'こども発達ルームそら')],
      personRole: '送迎車に自分で乗る',
      supporters: '母（送り出し）、学校担任（連絡帳）',
      evaluationTiming: '3か月後',
      notes: '',
    },
    {
      priority: 2,
      need: '気持ちをうまく伝えられずに混乱することがある',
      goal: '困ったときに絵カードで助けを求められる',
      period: '6か月',
      services: [
        service('nursery_visit', '学校・保育園での関わり方の助言', '月2回', '発達支援センターつばさ'),
      ],
      personRole: '絵カードを持ち歩く',
      supporters: '学校、事業所、家庭で同じカードを使う',
      evaluationTiming: '3か月後',
      notes: '',
    },
  ],
  userChargeCap: 4600,
  weeklySchedule: {
    entries: [
      ...entry(WEEKDAYS_ONLY, '08:30', '15:00', '特別支援学校', 'own_activity'),
      ...entry(['mon', 'wed', 'fri'], '15:30', '18:00', '放課後等デイサービス'),
      ...entry(['sat'], '10:00', '12:00', '家族と公園', 'own_activity'),
    ],
    dailyActivities: '平日は特別支援学校に通学。帰宅後は母と宿題をする。',
    nonWeeklyServices: '保育所等訪問支援（学校への訪問、月2回）',
    lifeOverview: '学校と放課後の居場所で友だちと過ごし、母は仕事を続けられる。',
  },
};

const ADULT_PLAN: PlanContent = {
  personWishes: '今のアパートで一人暮らしを続けたい。週に何日かは働いてお金をためたい。',
  familyWishes: '親が高齢になっても本人が地域で暮らせるようにしてほしい。',
  overallPolicy:
    '本人の一人暮らしを続けたいという思いを軸に、日中活動と家事支援を組み合わせ、困ったときに相談できる人を増やす。',
  longTermGoal: '地域で一人暮らしを続けながら、自分に合った働き方を見つける。',
  shortTermGoal: '就労継続支援B型に週4日通い、生活リズムを整える。',
  needs: [
    {
      priority: 1,
      need: '働いて収入を得たい',
      goal: '週4日、作業所に通い続ける',
      period: '1年',
      services: [service('employment_b', '軽作業（箱折り・検品）', '月18日', 'ワークショップみらい')],
      personRole: '朝8時に起きて自分で通所する',
      supporters: '作業所の職業指導員',
      evaluationTiming: '3か月後',
      notes: '',
    },
    {
      priority: 2,
      need: '掃除や買い物がうまくできず部屋が散らかる',
      goal: 'ヘルパーと一緒に週2回家事をする',
      period: '1年',
      services: [service('home_care', '家事援助（掃除・買い物）', '月8時間', 'ヘルパーステーションあさひ')],
      personRole: 'ゴミ出しの日を自分で確認する',
      supporters: '兄（月1回の訪問）',
      evaluationTiming: '3か月後',
      notes: '',
    },
  ],
  userChargeCap: 9300,
  weeklySchedule: {
    entries: [
      ...entry(['mon', 'tue', 'thu', 'fri'], '09:30', '15:30', 'ワークショップみらい（就労継続支援Ｂ型）'),
      ...entry(['wed'], '10:00', '12:00', '居宅介護（家事援助）'),
      ...entry(['sat'], '14:00', '16:00', '居宅介護（家事援助）'),
      ...entry(['sun'], '10:00', '15:00', '図書館・買い物', 'own_activity'),
    ],
    dailyActivities: '7時起床、自分で朝食を作る。夕方はテレビを見て過ごし、22時に就寝。',
    nonWeeklyServices: '通院（精神科、月1回）、兄の訪問（月1回）',
    lifeOverview: '作業所で働いて生活リズムを保ち、ヘルパーと家事をしながら一人暮らしを続ける。',
  },
};

const TRANSITION_PLAN: PlanContent = {
  personWishes: '病院を出て、自分の部屋で暮らしたい。',
  familyWishes: '退院後に困ったとき、すぐに相談できる先があると安心。',
  overallPolicy: '退院に向けて体験外出と体験宿泊を重ね、地域の支援者と顔の見える関係を作る。',
  longTermGoal: 'グループホームに入居し、地域の日中活動に通う。',
  shortTermGoal: '月2回の体験外出で住まいの見学をする。',
  needs: [
    {
      priority: 1,
      need: '退院後の住まいが決まっていない',
      goal: 'グループホームを3か所見学し、体験入居する',
      period: '6か月',
      services: [
        service('community_transition', '住まいの見学への同行', '月2回', '地域移行支援センターみどり'),
      ],
      personRole: '見学先で感じたことを記録する',
      supporters: '病院の精神保健福祉士、ピアサポーター',
      evaluationTiming: '3か月後',
      notes: '',
    },
  ],
  weeklySchedule: {
    entries: [...entry(['tue', 'fri'], '13:00', '16:00', '体験外出（住まいの見学）')],
    dailyActivities: '入院中。病棟の作業療法に参加している。',
    nonWeeklyServices: '体験宿泊（月1回）',
    lifeOverview: 'グループホームに移り、地域の日中活動に通う。',
  },
};

const PRESCHOOL_PLAN: PlanContent = {
  personWishes: '（本人の様子から）体を動かす遊びが好き。お気に入りのおもちゃで長く遊べる。',
  familyWishes: '言葉の発達が心配。保育園でほかの子と一緒に過ごせるようになってほしい。',
  overallPolicy: '遊びを通して人と関わる楽しさを広げ、家庭と保育園と事業所が同じ関わり方をそろえる。',
  longTermGoal: '保育園の集団の中で、好きな遊びを見つけて過ごせる。',
  shortTermGoal: '児童発達支援に週2日通い、身ぶりや絵カードで「やりたい」を伝える。',
  needs: [
    {
      priority: 1,
      need: '言葉で伝えることが難しく、かんしゃくになることがある',
      goal: '身ぶりや絵カードで要求を伝えられる',
      period: '6か月',
      services: [service('child_development', '遊びを通した発達支援', '月8日', 'こども発達ルームそら')],
      personRole: '絵カードを指さして選ぶ',
      supporters: '母、保育園の担任',
      evaluationTiming: '3か月後',
      notes: '',
    },
    {
      priority: 2,
      need: '保育園での集団活動に入りにくい',
      goal: '朝の会に座って参加できる',
      period: '6か月',
      services: [
        service('nursery_visit', '学校・保育園での関わり方の助言', '月2回', '発達支援センターつばさ'),
      ],
      personRole: '好きな歌の時間に参加する',
      supporters: '保育園の加配保育士',
      evaluationTiming: '3か月後',
      notes: '',
    },
  ],
  userChargeCap: 4600,
  weeklySchedule: {
    entries: [
      ...entry(['mon', 'tue', 'wed'], '08:30', '16:30', '保育園', 'own_activity'),
      ...entry(['thu', 'fri'], '09:30', '13:30', '児童発達支援'),
    ],
    dailyActivities: '平日は保育園と児童発達支援。週末は家族で外遊び。',
    nonWeeklyServices: '保育所等訪問支援（月2回）',
    lifeOverview: '保育園でほかの子と一緒に過ごし、家庭でも同じ関わり方で伝え合える。',
  },
};

const SENIOR_PLAN: PlanContent = {
  personWishes: '住み慣れた家で、妻と一緒に暮らし続けたい。',
  familyWishes: '介護保険に移っても、今の生活が大きく変わらないようにしてほしい。',
  overallPolicy:
    '65歳を迎えても本人の生活が途切れないよう、介護保険サービスとの併用を地域包括支援センターと調整する。',
  longTermGoal: '自宅で妻と暮らし続け、週に何度か外に出かける。',
  shortTermGoal: 'デイサービスの見学をし、生活介護から移るか本人と決める。',
  needs: [
    {
      priority: 1,
      need: '日中の居場所を続けたい',
      goal: '週3日、日中の活動に通い続ける',
      period: '6か月',
      services: [service('daily_life_care', '創作活動・入浴', '月12日', '生活介護事業所ひだまり')],
      personRole: '送迎の時間に玄関で待つ',
      supporters: '妻、地域包括支援センター',
      evaluationTiming: '3か月後',
      notes: '',
    },
  ],
  userChargeCap: 0,
  weeklySchedule: {
    entries: [
      ...entry(['mon', 'wed', 'fri'], '09:30', '15:30', '生活介護事業所ひだまり'),
      ...entry(['tue'], '10:00', '11:00', '妻と散歩', 'own_activity'),
    ],
    dailyActivities: '妻と二人暮らし。午後は自宅で昼寝をする。',
    nonWeeklyServices: '訪問診療（月2回）',
    lifeOverview: '生活介護に通いながら、妻と自宅で暮らし続ける。',
  },
};

/** The plan a specialist would write at that age: a preschooler has no school, a senior no workshop. */
const planTemplateFor = (serviceKind: ServiceKind, age: number): PlanContent | null => {
  switch (serviceKind) {
    case 'child_plan_consultation':
      return age < 6 ? PRESCHOOL_PLAN : CHILD_PLAN;
    case 'plan_consultation':
      return age >= 65 ? SENIOR_PLAN : ADULT_PLAN;
    case 'community_transition':
    case 'community_settlement':
      return TRANSITION_PLAN;
    case 'basic_consultation':
      return null;
  }
};

const UNSOLVED = [
  '短期入所の空きがなく、家族が急病のときの受け入れ先が決まらない',
  '医療的ケアに対応できる放課後等デイサービスが市内にない',
  '休日に利用できる移動支援の事業所が足りない',
];

const CONSULTATION_SUMMARIES = [
  '母より電話。最近、朝の準備に時間がかかり登校が遅れがちとのこと。学校と情報共有することを提案。',
  '本人来所。作業所での人間関係について相談。次回のモニタリングで職員も交えて話すことにした。',
  '自宅訪問。部屋の片付けが進んでいる。ヘルパーの支援内容に本人も満足している様子。',
  '事業所より連絡。欠席が続いているため、家庭の状況を確認してほしいとの依頼。',
  'オンラインで面談。受給者証の更新手続きについて説明し、必要書類を一緒に確認した。',
];

// ── Assessments (アセスメント) ────────────────────────────────────────────────
const CHILD_ASSESSMENT: AssessmentContent = {
  lifeHistory:
    '出生時より発達の遅れを指摘され、3歳児健診で自閉スペクトラム症の診断を受ける。保育所を経て、地域の学校の特別支援学級に在籍。両親と妹の4人家族。',
  medical: '小児科（発達外来）に3か月ごとに通院。服薬なし。季節の変わり目に喘息の発作が出ることがある。',
  personWishes: '友だちと遊びたい。電車に乗るのが好きなので、いろいろな駅に行ってみたい。',
  family:
    '父は会社員で帰宅が遅い。母はパート勤務で、放課後の過ごし方と自分の就労時間の確保を希望している。妹（保育所）の世話もあり負担が大きい。',
  dailyLife: {
    health: '体力はあり、外遊びを好む。偏食が強く、食べられる物が限られる。',
    dailyActivities: '食事・排せつは自立。入浴と着替えは声かけと一部介助が必要。',
    housework: '年齢相応。片付けは絵カードの手順があればできる。',
    socialParticipation: '特別支援学級に毎日通学。集団活動では順番を待つことが苦手。',
    communication: '二語文程度で要求を伝える。予定の変更があると不安になり、大きな声を出すことがある。',
    money: '年齢相応（小遣いの管理は母が行う）。',
    housing: '市営住宅の3階（エレベーターなし）。自室はなく、妹と同じ部屋で過ごす。',
  },
  strengths: '電車や時刻表への強い関心があり、好きなことには長く集中できる。挨拶がよくできる。',
  summary:
    '放課後に安心して過ごせる場所と、見通しを持てる支援が必要。母の就労継続のためにも放課後の支援体制を整え、学校・家庭・事業所で関わり方をそろえる。',
};

const ADULT_ASSESSMENT: AssessmentContent = {
  lifeHistory:
    '高校卒業後に就職したが、職場の人間関係から体調を崩して退職。統合失調症の診断を受け、入院を経て、現在は両親と同居しながら地域で生活している。',
  medical:
    '精神科クリニックに月2回通院。抗精神病薬を朝夕服薬（服薬管理は本人、母が確認）。睡眠が乱れると症状が悪化しやすい。',
  personWishes: 'いずれは一人暮らしをしたい。自分に合った仕事を見つけて、少しずつ働く時間を増やしたい。',
  family:
    '両親（70代）と同居。両親とも高齢になり、将来の生活の場を心配している。姉は県外在住で年に数回帰省する。',
  dailyLife: {
    health: '体調の波があり、疲れやすい。喫煙あり（本数を減らしたいと話す）。',
    dailyActivities: '身の回りのことは自立。',
    housework:
      '調理は母が担っている。洗濯・掃除は声かけがあればできる。買い物は近所のスーパーへ一人で行ける。',
    socialParticipation: '就労継続支援B型事業所に週3日通所。作業は丁寧で、軽作業を任されている。',
    communication: '初対面の人とは緊張しやすいが、慣れた職員には困りごとを相談できる。',
    money: '障害基礎年金を受給。通帳は母が管理し、本人は週ごとに小遣いを受け取っている。',
    housing: '持ち家（2階建て）の2階の自室。最寄りのバス停まで徒歩10分。',
  },
  strengths: '真面目で約束を守る。作業を丁寧にこなし、事業所でも信頼されている。自分の体調の変化に気づける。',
  summary:
    '日中活動を安定して続けながら、家事と金銭管理の経験を積み、将来の一人暮らしに向けた準備が必要。両親の高齢化を見据え、相談先と緊急時の対応を確保する。',
};

const SENIOR_ASSESSMENT: AssessmentContent = {
  lifeHistory:
    '知的障害があり、長年、家族と暮らしながら作業所に通ってきた。母の死去後、兄夫婦の支援を受けて一人暮らしを続けている。',
  medical:
    '高血圧と糖尿病で内科に月1回通院。服薬は朝のみで、ヘルパーが服薬を確認している。最近、膝の痛みを訴える。',
  personWishes: '住み慣れた家で暮らし続けたい。作業所の仲間と過ごす時間を大切にしたい。',
  family: '兄（70代）が近隣に住み、週1回様子を見に来る。兄自身も高齢で、今後の支援の継続に不安を感じている。',
  dailyLife: {
    health: '膝の痛みで長い距離の歩行が難しくなってきた。食事の量と内容に配慮が必要。',
    dailyActivities: '食事・排せつは自立。入浴は浴槽をまたぐ動作に見守りが必要。',
    housework: '調理と掃除はヘルパーの支援を受けている。簡単な片付けは自分で行う。',
    socialParticipation: '生活介護事業所に週4日通所。地域の行事にも兄と参加している。',
    communication: '簡単な会話は可能。書類の内容の理解には支援が必要。',
    money: '日常の買い物は自分で行う。通帳と公共料金の支払いは兄が管理している。',
    housing: '一戸建ての平屋。玄関に段差があり、手すりの設置を検討している。',
  },
  strengths: '明るく社交的で、作業所の仲間や近所の人に慕われている。決まった日課を守って生活できる。',
  summary:
    '65歳を迎え、介護保険サービスとの併用を含めた支援の見直しが必要。身体機能の低下に合わせて住環境と入浴の支援を整え、兄の負担を減らす体制づくりを進める。',
};

const assessmentTemplateFor = (serviceKind: ServiceKind, age: number): AssessmentContent | null => {
  switch (serviceKind) {
    case 'child_plan_consultation':
      return age < 18 ? CHILD_ASSESSMENT : null;
    case 'plan_consultation':
      return age >= 65 ? SENIOR_ASSESSMENT : age >= 18 ? ADULT_ASSESSMENT : null;
    case 'community_transition':
    case 'community_settlement':
    case 'basic_consultation':
      return null;
  }
};

/**
 * A case in its assessment phase has the assessment under way (a draft); every fourth case past it
 * has a finalised one. Dated two weeks after the case opened and not after its plan was consented
 * to (the assessment comes first in the cycle).
 */
const assessmentsOf = (record: CaseRecord, index: number, at: string, today: string): Assessment[] => {
  const underway = record.phase === 'assessment';
  if (record.phase === 'intake' || (!underway && index % 4 !== 1)) return [];
  const content = assessmentTemplateFor(record.serviceKind, ageOn(record.birthDate, today));
  if (!content) return [];
  const latest = finalPlanConsentOn(record, today) ?? today;
  const conductedOn = maxDate(record.openedOn, minDate(addDays(record.openedOn, 14), latest));
  const base = {
    recordId: `${record.caseId}-asm-1`,
    caseId: record.caseId,
    assessmentVersion: 1,
    content,
    conductedOn,
    createdAt: at,
    createdBy: record.specialistUserId,
    updatedAt: at,
  };
  return [
    underway
      ? { ...base, status: 'draft', version: 1 }
      : { ...base, status: 'final', finalizedAt: at, version: 2 },
  ];
};

/** The records the demo data holds around one tenant's cases. */
export interface DemoRecords {
  plans: Plan[];
  assessments: Assessment[];
  /** Decisions, monitorings and closures, each with the office of its case. */
  cycle: { officeId: string; added: CycleRecord }[];
  meetings: { officeId: string; meeting: Meeting }[];
  consultations: Consultation[];
  consents: { personId: string; consent: ConsentView }[];
  anonymous: AnonymousConsultation[];
}

const isUnderway = (record: CaseRecord) => record.phase === 'implementation' || record.phase === 'monitoring';

const plansOf = (record: CaseRecord, index: number, at: string, today: string): Plan[] => {
  const template = planTemplateFor(record.serviceKind, ageOn(record.birthDate, today));
  if (!template) return [];
  const base = {
    caseId: record.caseId,
    content: template,
    createdBy: record.specialistUserId,
    createdAt: at,
    updatedAt: at,
  };
  if (record.phase === 'planning') {
    return [
      {
        ...base,
        recordId: `${record.caseId}-plan-1`,
        planVersion: 1,
        status: 'draft',
        version: 1,
        createdOn: today,
      },
    ];
  }
  // The same day the case's activity counts as the month's plan made final.
  const consentOn = finalPlanConsentOn(record, today);
  if (!consentOn) return [];
  // Written about two weeks before the person agreed to it, never before the case opened (ADR 0036).
  const writtenOn = addDays(consentOn, -14);
  const final: Plan = {
    ...base,
    recordId: `${record.caseId}-plan-1`,
    planVersion: 1,
    status: 'final',
    createdOn: writtenOn < record.openedOn ? record.openedOn : writtenOn,
    consentOn,
    finalizedAt: at,
    version: 2,
  };
  // Every third case is in a plan review: a new draft beside the final plan in force.
  if (index % 3 !== 0 || record.phase === 'closed') return [final];
  return [
    final,
    {
      ...base,
      recordId: `${record.caseId}-plan-2`,
      planVersion: 2,
      status: 'draft',
      content: { ...template, shortTermGoal: `${template.shortTermGoal}（見直し中）` },
      createdOn: today,
      version: 1,
    },
  ];
};

const SERVICES_DECIDED: Record<ServiceKind, string[]> = {
  child_plan_consultation: ['放課後等デイサービス', '保育所等訪問支援'],
  plan_consultation: ['就労継続支援B型', '居宅介護'],
  community_transition: ['地域移行支援'],
  community_settlement: ['地域定着支援'],
  basic_consultation: [],
};

const MONITORING_NOTES = [
  '通所は安定している。本人は今のサービスに満足している。',
  '体調を崩して欠席が増えた時期があったが、現在は回復している。',
  '家族の負担が増えているため、短期入所の利用を検討する。',
  '目標にしていた一人での外出ができるようになった。',
];

/** The goals of the case's plan template, each with a monitoring report's columns filled in. */
const demoGoalRows = (record: CaseRecord, conductedOn: string, k: number): Monitoring['progress'] => {
  const needs = planTemplateFor(record.serviceKind, ageOn(record.birthDate, conductedOn))?.needs ?? [];
  return needs.map((need) => ({
    priority: need.priority,
    goal: need.goal,
    period: need.period,
    progress: '予定どおりサービスを利用している（事業所からの聞き取り）。',
    satisfaction: k % 3 === 0 ? '今のままでよいと話す。' : '楽しく通えていると話す。',
    achieved: k % 2 === 0 ? 'partly' : 'achieved',
    achievementNote: '目標に向けて少しずつ進んでいる。',
    issues: '体調に合わせて利用日を調整する。',
    changeServiceKind: false,
    changeServiceAmount: false,
    changeWeeklySchedule: false,
    remarks: '',
  }));
};

const cycleOf = ({ record, decisions, monitorings }: DemoCase, at: string): CycleRecord[] => {
  const by = { createdAt: at, createdBy: record.specialistUserId, caseId: record.caseId };
  const decided = decisions.map((decision, k): CycleRecord => ({
    kind: 'DECISION',
    record: {
      ...by,
      recordId: `${record.caseId}-dec-${k + 1}`,
      decidedOn: decision.decidedOn,
      validFrom: decision.validFrom,
      validTo: decision.validTo,
      monitoringPeriodMonths: decision.periodMonths,
      intensiveStart: decision.intensiveStart,
      services: SERVICES_DECIDED[record.serviceKind],
    } satisfies ServiceDecision,
  }));
  const monitored = monitorings.map(({ conductedOn }, k): CycleRecord => {
    const inForce = decisions.find((d) => d.validFrom <= conductedOn && conductedOn <= d.validTo);
    const nextDue = inForce ? nextDueWithinDecision(inForce, [conductedOn], conductedOn) : null;
    return {
      kind: 'MONITORING',
      record: {
        ...by,
        recordId: `${record.caseId}-mon-${k + 1}`,
        conductedOn,
        kind: 'regular',
        method: (['home_visit', 'office', 'home_visit', 'online'] as const)[k % 4] ?? 'home_visit',
        overallSituation: MONITORING_NOTES[k % MONITORING_NOTES.length] ?? '',
        progress: demoGoalRows(record, conductedOn, k),
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
        ...(nextDue ? { nextMonitoringMonth: nextDue.slice(0, 7) } : {}),
      } satisfies Monitoring,
    };
  });
  if (!record.closedOn || !record.closureReason) return [...decided, ...monitored];
  const closure: PhaseChange = {
    ...by,
    recordId: `${record.caseId}-closed`,
    from: 'monitoring',
    to: 'closed',
    changedOn: record.closedOn,
    closure: {
      closedOn: record.closedOn,
      reason: CLOSURE_REASONS.find((reason) => reason === record.closureReason) ?? 'other',
      postEvaluation: '支援の経過を本人と振り返り、今後の相談先を伝えた。',
    },
  };
  return [...decided, ...monitored, { kind: 'PHASE', record: closure }];
};

const meetingOf = (record: CaseRecord, index: number, at: string, today: string): Meeting | null => {
  if (!isUnderway(record)) return null;
  const heldOn = maxDate(
    record.openedOn,
    addDays(record.decision?.validFrom ?? addDays(record.openedOn, 30), -7),
  );
  const meetingId = `${record.caseId}-mtg-1`;
  const firstDue = minDate(addDays(heldOn, 14), today);
  return {
    recordId: meetingId,
    caseId: record.caseId,
    heldOn,
    attendees: [
      { name: '本人', organisation: '', role: '本人' },
      { name: '家族', organisation: '', role: '家族' },
      { name: '担当の相談支援専門員', organisation: '相談支援事業所', role: '相談支援専門員' },
      { name: 'サービス管理責任者', organisation: 'サービス提供事業所', role: 'サービス管理責任者' },
    ],
    opinions: '本人は今の生活を続けたいと話した。家族からは緊急時の預け先への不安が出された。',
    decisions: '計画案のとおりサービスを利用する。3か月後に状況を確認する。',
    assignments: [
      {
        assignmentId: `${meetingId}-a`,
        who: 'サービス管理責任者',
        organisation: 'サービス提供事業所',
        what: '個別支援計画を作成し、相談支援専門員に送付する',
        dueOn: firstDue,
        // Half of them done, the other half overdue: the overdue list has content.
        ...(index % 2 === 0 ? { doneOn: firstDue } : {}),
      },
      {
        assignmentId: `${meetingId}-b`,
        who: '担当の相談支援専門員',
        organisation: '相談支援事業所',
        what: '短期入所の受け入れ先を2か所以上問い合わせる',
        dueOn: addDays(today, 10 + (index % 40)),
      },
    ],
    unsolvedItems: index % 4 === 1 ? [UNSOLVED[index % UNSOLVED.length] ?? ''] : [],
    version: 1,
    createdAt: at,
    createdBy: record.specialistUserId,
    updatedAt: at,
  };
};

const consultationsOf = (record: CaseRecord, index: number, at: string, today: string): Consultation[] => {
  if (record.phase === 'intake') return [];
  const lastDay = record.closedOn ?? today;
  return Array.from({ length: 1 + (index % 3) }, (_, k) => ({
    recordId: `${record.caseId}-con-${k + 1}`,
    caseId: record.caseId,
    consultedOn: maxDate(record.openedOn, addDays(lastDay, -(7 + 23 * k + (index % 11)))),
    channel: (['phone', 'visit', 'home_visit', 'online', 'outreach'] as const)[(index + k) % 5] ?? 'phone',
    counterpart: (['person', 'family', 'agency'] as const)[(index + k) % 3] ?? 'person',
    summary: CONSULTATION_SUMMARIES[(index + k) % CONSULTATION_SUMMARIES.length] ?? '',
    minutes: 15 + ((index * 7 + k * 13) % 60),
    createdAt: at,
    createdBy: record.specialistUserId,
  }));
};

/**
 * Beside every fourth person (whose meetings hold the unsolved items), the persons whose difficulty
 * files and supervisions the demo's regional issues are raised from (demo-council.ts): a case is
 * counted in the council's material only with the person's council consent (ADR 0022).
 */
const COUNCIL_CONSENT_CASES = new Set(['demo-kibougaoka-case-025', 'demo-hokushin-case-007']);

const consentsOf = ({ person, record }: DemoCase, index: number, at: string) => {
  const grant = (purpose: ConsentView['purpose'], grantedOn: string): ConsentView => ({
    purpose,
    status: 'granted',
    grantedOn,
    history: [{ event: 'granted', on: grantedOn, at, by: record.specialistUserId }],
    version: 1,
    updatedAt: at,
  });
  const consents: ConsentView[] = [];
  if (index % 4 === 1 || COUNCIL_CONSENT_CASES.has(record.caseId)) {
    consents.push(grant('council_anonymised', record.openedOn));
  }
  if (index % 3 === 0 && index % 10 !== 5) consents.push(grant('core_supervision', record.openedOn));
  if (index % 10 === 5) {
    const revokedOn = addDays(record.openedOn, 30);
    const granted = grant('core_supervision', record.openedOn);
    consents.push({
      ...granted,
      status: 'revoked',
      revokedOn,
      history: [...granted.history, { event: 'revoked', on: revokedOn, at, by: record.specialistUserId }],
      version: 2,
    });
  }
  return consents.map((consent) => ({ personId: person.personId, consent }));
};

const anonymousOf = (tenantId: string, at: string, today: string): AnonymousConsultation[] =>
  (DEMO_OFFICES[tenantId] ?? [])
    .filter((office) => office.type !== 'municipal_division')
    .flatMap((office, officeIndex) =>
      Array.from({ length: 14 }, (_, k) => {
        const n = officeIndex * 5 + k;
        return {
          recordId: `demo-anon-${office.officeId}-${String(k + 1).padStart(2, '0')}`,
          officeId: office.officeId,
          consultedOn: addDays(today, -((n * 4) % 50)),
          channel: (['phone', 'visit', 'phone', 'online', 'home_visit'] as const)[n % 5] ?? 'phone',
          counterpart: (['person', 'family', 'agency', 'other'] as const)[n % 4] ?? 'person',
          topic:
            (['service_info', 'daily_life', 'employment', 'housing', 'family', 'other'] as const)[n % 6] ??
            'other',
          minutes: 10 + ((n * 11) % 50),
          createdAt: at,
          createdBy: DEMO_USERS.find((user) => user.officeId === office.officeId)?.userId ?? 'user-admin',
        };
      }),
    );

export const demoRecords = (tenantId: string, now: Date, cases = demoCases(tenantId, now)): DemoRecords => {
  const today = todayInJapan(now);
  const at = now.toISOString();
  return {
    plans: cases.flatMap(({ record }, index) => plansOf(record, index, at, today)),
    assessments: cases.flatMap(({ record }, index) => assessmentsOf(record, index, at, today)),
    cycle: cases.flatMap((demoCase) =>
      cycleOf(demoCase, at).map((added) => ({ officeId: demoCase.record.officeId, added })),
    ),
    meetings: cases.flatMap(({ record }, index) => {
      const meeting = meetingOf(record, index, at, today);
      return meeting ? [{ officeId: record.officeId, meeting }] : [];
    }),
    consultations: cases.flatMap(({ record }, index) => consultationsOf(record, index, at, today)),
    consents: cases.flatMap((demoCase, index) => consentsOf(demoCase, index, at)),
    anonymous: anonymousOf(tenantId, at, today),
  };
};

/**
 * Every item the records need, including the person ↔ case links, recipient-number lookups and holders of
 * the demo persons (written here because the demo cases are seeded without them).
 */
export const demoRecordItems = (tenantId: string, now: Date): Record<string, unknown>[] => {
  const cases = demoCases(tenantId, now);
  const records = demoRecords(tenantId, now, cases);
  return [
    ...cases.flatMap(({ person, record }) => [
      ...personIndexItems(tenantId, person, { caseId: record.caseId, officeId: record.officeId }),
      // The number's one holder in the tenant (ADR 0025), as a create through the API writes it.
      ...recipientHolderItems(tenantId, person),
    ]),
    ...records.plans.map((plan) => planItem(tenantId, plan)),
    ...records.assessments.map((assessment) => assessmentItem(tenantId, assessment)),
    ...records.cycle.map(({ officeId, added }) => cycleRecordItem(tenantId, officeId, added)),
    ...records.meetings.flatMap(({ officeId, meeting }) => [
      meetingItem(tenantId, meeting),
      ...meeting.assignments
        .filter((assignment) => !assignment.doneOn)
        .map((assignment) => openAssignmentItem(tenantId, officeId, meeting, assignment)),
    ]),
    ...records.consultations.map((consultation) => consultationItem(tenantId, consultation)),
    ...records.consents.map(({ personId, consent }) => consentItem(tenantId, personId, consent)),
    ...records.anonymous.map((consultation) => anonymousConsultationItem(tenantId, consultation)),
  ];
};
