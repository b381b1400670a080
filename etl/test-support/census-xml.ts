/**
 * Generated CIN census XML for tests and the benchmark: made-up children only. Each child has
 * identifiers and characteristics the loader must drop (UPN, birth date, ethnicity, disability),
 * so a test can look for them afterwards.
 */
export interface GeneratedEpisode {
  referralDate: string;
  referralSource?: string;
  primaryNeed?: string;
  closureDate?: string;
  assessments?: { start: string; authorised?: string; factors?: string[] }[];
  section47s?: { start: string; icpc?: string; icpcNotRequired?: string }[];
  plans?: {
    start: string;
    end?: string;
    initial?: string;
    latest?: string;
    previous?: string;
    reviews?: string[];
  }[];
}

export interface GeneratedChild {
  laChildId: string;
  upn?: string;
  birthDate?: string;
  /** 2017-2019 files have `Sex`, later ones `GenderCurrent`. */
  sexElement?: 'GenderCurrent' | 'Sex';
  episodes: GeneratedEpisode[];
}

export function censusHeaderXml(referenceDate: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>${referenceDate.slice(0, 4)}</Year>
      <ReferenceDate>${referenceDate}</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>353</LEA>
      <SoftwareCode>Local Authority</SoftwareCode>
      <Release>ver 1.0</Release>
      <SerialNo>001</SerialNo>
      <DateTime>${referenceDate}T09:00:00</DateTime>
    </Source>
  </Header>
  <Children>
`;
}

export const CENSUS_FOOTER_XML = `  </Children>
</Message>
`;

const element = (name: string, value: string | undefined, indent: string): string =>
  value === undefined ? '' : `${indent}<${name}>${value}</${name}>\n`;

export function childXml(child: GeneratedChild): string {
  let xml = '    <Child>\n      <ChildIdentifiers>\n';
  xml += element('LAchildID', child.laChildId, '        ');
  xml += element('UPN', child.upn, '        ');
  xml += element('PersonBirthDate', child.birthDate, '        ');
  xml += element(child.sexElement ?? 'GenderCurrent', '2', '        ');
  xml += '      </ChildIdentifiers>\n      <ChildCharacteristics>\n        <Ethnicity>WBRI</Ethnicity>\n';
  xml +=
    '        <Disabilities><Disability>NONE</Disability></Disabilities>\n      </ChildCharacteristics>\n';
  for (const episode of child.episodes) {
    const i = '        ';
    xml += '      <CINdetails>\n';
    xml += element('CINreferralDate', episode.referralDate, i);
    xml += element('ReferralSource', episode.referralSource ?? '6', i);
    xml += element('PrimaryNeedCode', episode.primaryNeed, i);
    xml += element('CINclosureDate', episode.closureDate, i);
    for (const assessment of episode.assessments ?? []) {
      xml += `${i}<Assessments>\n`;
      xml += element('AssessmentActualStartDate', assessment.start, `${i}  `);
      xml += element('AssessmentAuthorisationDate', assessment.authorised, `${i}  `);
      if (assessment.factors) {
        xml += `${i}  <FactorsIdentifiedAtAssessment>\n`;
        for (const factor of assessment.factors) xml += element('AssessmentFactors', factor, `${i}    `);
        xml += `${i}  </FactorsIdentifiedAtAssessment>\n`;
      }
      xml += `${i}</Assessments>\n`;
    }
    for (const s47 of episode.section47s ?? []) {
      xml += `${i}<Section47>\n`;
      xml += element('S47ActualStartDate', s47.start, `${i}  `);
      xml += element('DateOfInitialCPC', s47.icpc, `${i}  `);
      xml += element('ICPCnotRequired', s47.icpcNotRequired ?? 'false', `${i}  `);
      xml += `${i}</Section47>\n`;
    }
    xml += `${i}<ReferralNFA>false</ReferralNFA>\n`;
    for (const plan of episode.plans ?? []) {
      xml += `${i}<ChildProtectionPlans>\n`;
      xml += element('CPPstartDate', plan.start, `${i}  `);
      xml += element('CPPendDate', plan.end, `${i}  `);
      xml += element('InitialCategoryOfAbuse', plan.initial ?? 'NEG', `${i}  `);
      xml += element('LatestCategoryOfAbuse', plan.latest ?? plan.initial ?? 'NEG', `${i}  `);
      xml += element('NumberOfPreviousCPP', plan.previous ?? '0', `${i}  `);
      if (plan.reviews) {
        xml += `${i}  <Reviews>\n`;
        for (const review of plan.reviews) xml += element('CPPreviewDate', review, `${i}    `);
        xml += `${i}  </Reviews>\n`;
      }
      xml += `${i}</ChildProtectionPlans>\n`;
    }
    xml += '      </CINdetails>\n';
  }
  return `${xml}    </Child>\n`;
}

export function censusXml(referenceDate: string, children: readonly GeneratedChild[]): string {
  return `${censusHeaderXml(referenceDate)}${children.map(childXml).join('')}${CENSUS_FOOTER_XML}`;
}

/** One child with one episode: a referral, an assessment, an S47 and a plan with two reviews. */
export function censusChild(overrides: Partial<GeneratedChild> = {}): GeneratedChild {
  return {
    laChildId: 'LA0001',
    upn: 'A123456789012',
    birthDate: '2012-05-01',
    episodes: [
      {
        referralDate: '2021-06-01',
        primaryNeed: 'N1',
        assessments: [{ start: '2021-06-02', authorised: '2021-07-01', factors: ['16A', '3A'] }],
        section47s: [{ start: '2021-06-03', icpc: '2021-06-20' }],
        plans: [{ start: '2021-06-20', initial: 'NEG', reviews: ['2021-09-10', '2022-02-10'] }],
      },
    ],
    ...overrides,
  };
}
