import type { ConsultationInput } from '../../schemas/consultation.schema.js';

/**
 * TSB Circular 79 (Geneva, 28 March 2023; SG17), as in the reference copy
 * (shared/reference/circular-79.txt): the demo's reference case. Texts, designations, work
 * items, titles, summaries, report numbers, both TSB notes, deadline and meeting are verbatim.
 */
export const CIRCULAR_79: ConsultationInput = {
  id: 'tsb-79-2023',
  procedure: 'itu-t-tap',
  resolutionEdition: 'Rev. Geneva, 2022',
  bureau: 'TSB',
  studyPeriod: '2022-2024',
  number: 79,
  date: '2023-03-28',
  reference: 'TSB Circular 79, SG17/XY',
  studyGroup: 'SG17',
  meeting: {
    place: 'Goyang, Korea',
    firstDay: '2023-08-29',
    lastDay: '2023-09-08',
    collectiveLetter: 'Collective letter 5/17',
  },
  subject:
    'Member State consultation on Determined draft new Recommendations ITU‑T X.1333 Cor.1, X.1353 (X.ztd-iot), X.1471 (X.websec-7), X.1645 (X.nssa-cc), X.1771 (X.rdda), and X.1817 (X.5Gsec-message) proposed for approval at the meeting of ITU-T Study Group 17, Goyang, Korea, 29 August – 8 September 2023',
  deadline: '2023-08-16T23:59:59.999Z',
  addressees: ['Administrations of Member States of the Union'],
  copies: [
    'ITU-T Sector Members',
    'ITU-T Associates of Study Group 17',
    'ITU Academia',
    'The Chairman and Vice-Chairmen of ITU-T Study Group 17',
    'The Director of the Telecommunication Development Bureau',
    'The Director of the Radiocommunication Bureau',
  ],
  notes: [
    'TSB NOTE 1 – Except for draft new Recommendation X.1817 (X.5Gsec-message), no ITU-T A.5 justifications have been submitted for the other determined texts.',
    'TSB NOTE 2 – As of the date of this Circular, no IPR statement had been received by TSB for any of these determined texts. For up-to-date information, members are invited to consult the IPR database at www.itu.int/ipr/.',
  ],
  signatory: { name: 'Seizo Onoe', title: 'Director of the Telecommunication Standardization Bureau' },
  individualRepliesPublic: false,
  isDemo: false,
  texts: [
    {
      id: 'x1333-cor1',
      kind: 'corrigendum',
      designation: 'X.1333 Cor.1',
      workItem: null,
      title: 'Security guidelines for use of remote access tools in Internet-connected control systems',
      summary: null,
      location: 'R34',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0034/en',
      a5Justification: false,
      iprStatements: [],
    },
    {
      id: 'x1353',
      kind: 'new',
      designation: 'X.1353',
      workItem: 'X.ztd-iot',
      title: 'Security methodology for zero-touch deployment in massive IoT based on blockchain',
      summary:
        'Massive Internet of Things (mIoT) is a significant application of future communication networks. With diverse use cases anticipated in mIoT, it is difficult for manufacturers to pre-install their manufactured IoT devices with mobile-operator-specific and/or service-specific information (e.g., identities and keys), since manufacturers may not know where their devices will eventually be deployed and activated. The current approach relies on customers’ manual configuration which is acceptable for small-scale IoT applications. However, for mIoT devices, the aforementioned approach is unacceptable due to the fact that manual configuration is time consuming, cost-ineffective and cumbersome. Thus, automatic credential provisioning without user involvement, known as "zero-touch" is needed for mIoT.\n' +
        'This Recommendation provides a security methodology for designing a decentralized identity management system to support the zero-touch deployment of future mIoT. Zero-touch deployment will enable IoT devices to automatically find their mobile network operator and their service provider, automatically obtain credentials from them and automatically connect to the network and the service. This will greatly facilitate the future deployment of mIoT devices for verticals. The content of this Recommendation covers the security architecture, the security considerations and the related security procedures (such as device attestations, authentication, and credential provisioning) which are needed for building such a zero-touch mIoT deployment platform.',
      location: 'R35',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0035/en',
      a5Justification: false,
      iprStatements: [],
    },
    {
      id: 'x1471',
      kind: 'new',
      designation: 'X.1471',
      workItem: 'X.websec-7',
      title: 'Reference Monitor for Online Analytics Services',
      summary:
        'Big data analysis service is based on the undefined unstructured data including user behaviour, purchase, payment, location and consuming of various internet contents. It can provide new insights not previously discovered and predicts future states. However, some un-authorized data can be used maliciously in the analysis process.\n' +
        'This Recommendation describes a reference monitor for big data analytics and operations to detect an un-authorized data use. The Recommendation analyses security threats and challenges in the big data analytics, and describes security considerations that could mitigate these threats and address security challenges with access control mechanisms. A reference monitor methodology based on access control is provided for determining which of these security capabilities are required for mitigating security threats and addressing security challenges for big data analytics.',
      location: 'R36',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0036/en',
      a5Justification: false,
      iprStatements: [],
    },
    {
      id: 'x1645',
      kind: 'new',
      designation: 'X.1645',
      workItem: 'X.nssa-cc',
      title: 'Requirements of network security situational awareness platform for cloud computing',
      summary:
        'Network security situational awareness (NSSA) is derived from “situational awareness”. It usually includes four processes: data acquisition, security situation analysis, security situation assessment and security situational tendency projection, and generally has the following capabilities: 1) the capability  of detection and persistent monitoring various attack threats, abnormal behaviour and their scope of influence; 2) the capability of data mining, threat analysis, and the traceability of abnormal behaviour; 3) the capability of security prediction and early warning; 4) the capability of visualization of security situation.\n' +
        "For cloud computing service providers, NSSA platform plays an important role in improving cloud computing's security protection, the ability to detect security breaches or anomalous behaviours, security decision-making and emergency response ability, and even it can help improve the early warning mechanism for cloud computing.\n" +
        'This recommendation will first introduce the concept and development of network security situational awareness, analyze the advantages of NSSA coping with the security challenges of cloud computing, then aim to document the requirements for network security situational awareness platform for cloud computing.',
      location: 'R38',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0038/en',
      a5Justification: false,
      iprStatements: [],
    },
    {
      id: 'x1771',
      kind: 'new',
      designation: 'X.1771',
      workItem: 'X.rdda',
      title: 'Requirements for data de-identification assurance',
      summary:
        'De-identified data incurs the risk of re-identifying individuals. So, it is important to assess the threat that de-identified data is used to identify individuals through re-identification methods. De-identification methods, which can be used for re-identification risk assessment, may be selected accordingly based on the following considerations:\n' +
        '· Data risk assessment: Data composition, data distribution, possession of other data,\n' +
        '· Data use environment risk assessment: Confidence level of data recipient, impact during re-identification, inadvertent re-identification,\n' +
        '· Using and managing de-identification data: Security measures for de-identification data, monitoring of re-identification possibilities, compliance with de-identification data provision or consignment contracts.\n' +
        'This Recommendation defines data de-identification assurance. It also provides a set of requirements for managing data de-identification assurance, including data risk assessment, risk assessment of the data use environment, and using and managing de-identified data.',
      location: 'R37',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0037/en',
      a5Justification: false,
      iprStatements: [],
    },
    {
      id: 'x1817',
      kind: 'new',
      designation: 'X.1817',
      workItem: 'X.5Gsec-message',
      title: 'Security requirements for 5G messaging service',
      summary:
        'This Recommendation provides the security requirements for 5G messaging service, including use security requirements, management security requirements and control security requirements for 5G messaging service.',
      location: 'R33',
      locationUrl: 'https://www.itu.int/md/T22-SG17-R-0033/en',
      a5Justification: true,
      iprStatements: [],
    },
  ],
};
