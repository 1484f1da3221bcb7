package uk.nhs.digitalmaturity.sample;

import static uk.nhs.digitalmaturity.sample.DmaAnswerScales.AGREEMENT;
import static uk.nhs.digitalmaturity.sample.DmaAnswerScales.NHS_NUMBER_USE;
import static uk.nhs.digitalmaturity.sample.DmaAnswerScales.PERCENT_BAND;
import static uk.nhs.digitalmaturity.sample.DmaAnswerScales.STRUCTURE;
import static uk.nhs.digitalmaturity.sample.DmaAnswerScales.YES_NO;

import java.util.ArrayList;
import java.util.List;

/**
 * The 175 questions of the modelled digital maturity assessment, in survey order: 40 on readiness, 90 on
 * capability (eight capability areas, standards among them), 30 on infrastructure and 15 asked for context but not
 * scored. The wording is modelled on the published NHS England self-assessment; the tagged questions carry the
 * topics the NAO report draws on.
 *
 * <p>The 2017 assessment was tailored by care setting (NAO paragraph 1.19): a few questions about particular
 * settings (the emergency department, community settings, theatres, ambulance handovers, mental health crisis
 * plans, beds, patient Wi-Fi) were asked only of the sectors that have them ({@link Question#sectors2017}, empty
 * for every sector). The 2016 assessment asked every trust everything. The questions behind the published
 * figures (standards, records, governance, sharing) were asked of every sector in both years, as the report's
 * "232 trusts" denominators say.
 */
final class DmaQuestionBank {
    static final String READINESS = "READINESS";
    static final String CAPABILITY = "CAPABILITY";
    static final String INFRASTRUCTURE = "INFRASTRUCTURE";
    static final String NONE = "NONE";
    static final List<String> SCORED_THEMES = List.of(READINESS, CAPABILITY, INFRASTRUCTURE);

    /** {@code sectors2017}: the sectors asked the question in 2017, semicolon-separated; empty for all. */
    record Question(String theme, String answerScale, String topic, String text, String sectors2017) {
        boolean tagged() {
            return !topic.isEmpty();
        }

        /** The sectors column of {@code year}'s question file: empty (every sector) before 2017. */
        String sectors(int year) {
            return year >= 2017 ? sectors2017 : "";
        }

        /** Asked of a trust of this sector in this year (UNKNOWN is asked everything, as the pipeline reads it). */
        boolean askedOf(int year, String sector) {
            String list = sectors(year);
            return list.isEmpty() || "UNKNOWN".equals(sector) || List.of(list.split(";")).contains(sector);
        }
    }

    private static final String ACUTE_ONLY = "ACUTE";
    private static final String WITH_COMMUNITY_SERVICES = "ACUTE;COMMUNITY;MENTAL_HEALTH";
    private static final String NOT_AMBULANCE = "ACUTE;SPECIALIST;MENTAL_HEALTH;COMMUNITY";

    private static final List<Question> QUESTIONS = new ArrayList<>();

    static {
        // ---- readiness: strategic alignment, leadership, resourcing, governance, information governance
        readiness("Our organisation has a digital strategy that has been approved by the board.");
        readiness("Our digital strategy is aligned with the local digital roadmap for our area.");
        readiness("Our digital strategy supports the organisation's clinical and business strategies.");
        readiness("Our digital plans are aligned with those of our local health and care partners.");
        readiness("Clinicians were closely involved in developing our digital plans.");
        readiness("Patients, service users and carers were involved in developing our digital plans.");
        readiness("Our digital strategy sets out measurable benefits and how they will be realised.");
        readiness("Progress against the digital strategy is reported to the board at least twice a year.");
        tagged(READINESS, YES_NO, "GOVERNANCE:BOARD_SPONSOR",
                "There is a board-level sponsor for digital transformation.");
        tagged(READINESS, AGREEMENT, "GOVERNANCE:CLINICAL_LEADERSHIP",
                "There is strong clinical leadership of the digital agenda.");
        q(READINESS, YES_NO, "There is a named executive director accountable for information and technology.");
        readiness("Our chief information officer (or equivalent) is a member of the executive team.");
        readiness("We have a chief clinical information officer (or equivalent) with dedicated time for the role.");
        readiness("Nursing leadership is actively engaged in the digital agenda.");
        readiness("Senior managers champion the use of digital technology in day-to-day work.");
        readiness("The board has the skills and knowledge to challenge digital plans effectively.");
        readiness("Our digital leaders work with their peers across the local health and care system.");
        readiness("Our digital plans are adequately funded over the next three years.");
        readiness("We have sufficient capital funding for the infrastructure our digital plans need.");
        readiness("We have enough staff with the right skills to deliver our digital plans.");
        readiness("We have a workforce plan for informatics staff.");
        readiness("We invest in the digital skills of clinical and non-clinical staff.");
        readiness("We can recruit and retain informatics professionals.");
        readiness("Funding for digital projects includes the cost of business change and training.");
        readiness("Digital programmes are overseen by a board-level committee.");
        readiness("Digital investment decisions are based on an approved business case.");
        readiness("The benefits of digital investments are tracked after go-live.");
        readiness("The clinical safety of new digital systems is assured to the relevant national standards.");
        readiness("A programme management office oversees our digital projects.");
        readiness("Risks to the delivery of our digital plans are recorded and reviewed regularly.");
        readiness("Lessons from digital projects are captured and shared across the organisation.");
        q(READINESS, YES_NO, "We have a senior information risk owner at board level.");
        q(READINESS, YES_NO, "We have a Caldicott Guardian who advises on sharing patient information.");
        readiness("Our information governance policies support sharing information for direct care.");
        readiness("Staff understand when and how they may share patient information.");
        readiness("Information sharing agreements are in place with our main local partners.");
        readiness("We have a tested cyber security incident response plan.");
        readiness("Staff complete data security awareness training every year.");
        readiness("We act promptly on national cyber security alerts.");
        readiness("Patients can find out how their information is used and shared.");

        // ---- capability: records, assessments and plans
        proportion("clinical noting is recorded digitally", "inpatient settings");
        proportion("clinical noting is recorded digitally", "outpatient settings");
        proportion("clinical noting is recorded digitally", "the emergency department", ACUTE_ONLY);
        proportion("clinical noting is recorded digitally", "community settings", WITH_COMMUNITY_SERVICES);
        proportion("nursing assessments are recorded digitally", "inpatient settings");
        proportion("nursing assessments are recorded digitally", "the emergency department", ACUTE_ONLY);
        proportion("nursing assessments are recorded digitally", "community settings", WITH_COMMUNITY_SERVICES);
        proportion("care plans are held digitally", "inpatient settings");
        proportion("care plans are held digitally", "community settings", WITH_COMMUNITY_SERVICES);
        capability("Clinicians can view the whole of a patient's record digitally at the point of care.");
        tagged(CAPABILITY, AGREEMENT, "RECORDS:RELIABLE",
                "Our staff can rely on our digital records being complete and up to date.");
        tagged(CAPABILITY, AGREEMENT, "RECORDS:RECORDED_ONCE",
                "Information about a patient is recorded once and reused across our systems.");
        tagged(CAPABILITY, AGREEMENT, "RECORDS:VIEW_SHARED",
                "Our clinicians can view a shared care record containing information from other local providers.");
        tagged(CAPABILITY, AGREEMENT, "RECORDS:CONTRIBUTE_SHARED",
                "Our clinicians can contribute information to a shared care record used by other local providers.");
        // transfers of care
        q(CAPABILITY, PERCENT_BAND, "What proportion of discharge summaries are sent electronically to GPs?");
        q(CAPABILITY, PERCENT_BAND, "What proportion of outpatient clinic letters are sent electronically to GPs?");
        q(CAPABILITY, PERCENT_BAND, "What proportion of referrals to your services are received electronically?");
        q(CAPABILITY, PERCENT_BAND, "What proportion of transfers of care to social care are sent electronically?");
        q(CAPABILITY, PERCENT_BAND, "What proportion of the information you send to other providers is coded?");
        tagged(CAPABILITY, PERCENT_BAND, "SHARING:STRUCTURED_SHARE", "What proportion of the information you share"
                + " with other providers is in a structured or semi-structured format?");
        capability("Discharge summaries are sent within 24 hours of discharge.");
        capability("Clinicians can see digitally when a patient has been admitted or discharged elsewhere.");
        sectorCapability("AMBULANCE;ACUTE",
                "Ambulance crews can transfer patient information electronically to receiving departments.");
        sectorCapability("MENTAL_HEALTH;AMBULANCE",
                "Mental health crisis plans can be shared digitally with emergency services.");
        capability("Information received electronically from other providers is added to our record.");
        // orders and results
        proportion("pathology tests are ordered electronically", "inpatient settings");
        proportion("pathology tests are ordered electronically", "outpatient settings");
        proportion("pathology tests are ordered electronically", "the emergency department", ACUTE_ONLY);
        proportion("radiology requests are made electronically", "inpatient settings");
        proportion("radiology requests are made electronically", "outpatient settings");
        q(CAPABILITY, PERCENT_BAND, "What proportion of results are reported electronically to the requesting clinician?");
        capability("Clinicians acknowledge results electronically.");
        capability("Results from other providers can be viewed digitally.");
        capability("Duplicate test requests are flagged electronically.");
        capability("Referrals between services within the organisation are made electronically.");
        // medicines optimisation
        proportion("medicines are prescribed electronically", "inpatient settings");
        proportion("medicines are prescribed electronically", "outpatient settings");
        proportion("medicines are prescribed electronically", "the emergency department", ACUTE_ONLY);
        proportion("medicines administration is recorded electronically", "inpatient settings");
        q(CAPABILITY, PERCENT_BAND, "What proportion of medicines reconciliation on admission is recorded digitally?");
        capability("Electronic prescribing includes decision support for allergies and interactions.");
        capability("Pharmacists can review prescriptions digitally before medicines are supplied.");
        capability("Controlled drugs are managed digitally.");
        capability("Discharge medication is sent electronically to community pharmacy.");
        capability("We use electronic prescribing data to audit prescribing practice.");
        // decision support
        capability("Clinical decision support alerts are available at the point of care.");
        capability("Early warning scores are calculated automatically from recorded observations.");
        capability("Sepsis screening is prompted electronically.");
        capability("Venous thromboembolism risk assessment is prompted electronically.");
        capability("Clinical pathways are built into our electronic systems.");
        capability("Clinicians can reach national guidance from within the electronic record.");
        capability("Dashboards give clinicians real-time information about their patients.");
        capability("We use digital data to identify patients at risk of deterioration.");
        capability("We use digital data to manage patient flow in real time.");
        capability("Audit data are extracted from electronic systems rather than by manual review.");
        // remote and assistive care
        q(CAPABILITY, PERCENT_BAND, "What proportion of outpatient follow-ups can be offered by telephone or video?");
        q(CAPABILITY, PERCENT_BAND, "What proportion of community staff can use the electronic record while mobile?");
        capability("Patients can book or change appointments online.");
        capability("Patients can view parts of their record online.");
        capability("Patients can contact clinicians by secure electronic messaging.");
        capability("We use telehealth to monitor patients with long-term conditions at home.");
        capability("Clinicians can hold video consultations with patients.");
        capability("Patients can send information about their condition digitally before appointments.");
        capability("Assistive technology is used to support independent living.");
        capability("Online resources help patients to manage their own care.");
        // asset and resource optimisation
        sectorCapability(NOT_AMBULANCE, "Beds are managed with an electronic bed management system.");
        capability("Staff rosters are managed electronically.");
        sectorCapability("ACUTE;SPECIALIST", "Theatre schedules are managed electronically.");
        capability("Equipment is tracked electronically.");
        capability("Clinical coding is carried out from the electronic record.");
        capability("Patient-level costing uses data from electronic systems.");
        capability("Procurement is managed electronically.");
        capability("Staff can complete statutory and mandatory training online.");
        capability("Waiting lists are managed electronically with validated data.");
        capability("Electronic systems have reduced our use of paper.");
        // standards
        tagged(CAPABILITY, AGREEMENT, "STANDARD:SNOMED_CT",
                "We comply with the SNOMED CT clinical terminology standard.");
        tagged(CAPABILITY, AGREEMENT, "STANDARD:DMD",
                "We comply with the Dictionary of Medicines and Devices (dm+d) standard.");
        tagged(CAPABILITY, AGREEMENT, "STANDARD:GS1",
                "We comply with the GS1 standard for identifying products, places and patients.");
        tagged(CAPABILITY, AGREEMENT, "STANDARD:PALLIATIVE_CARE",
                "We comply with the palliative care co-ordination: core content information standard.");
        tagged(CAPABILITY, NHS_NUMBER_USE, "STANDARD_USE:NHS_NUMBER", "For what proportion of the patient"
                + " information you share with other providers is the NHS number the primary identifier?");
        // Figure 9 asked about five agreement standards; the report names four. The fifth is modelled.
        tagged(CAPABILITY, AGREEMENT, "STANDARD:PRSB_HEADINGS",
                "We comply with the Professional Record Standards Body headings standard for clinical documents.");
        capability("Our systems conform to the NHS interoperability toolkit specifications.");
        capability("We use FHIR-based interfaces for new integrations.");
        capability("We use the NHS e-Referral Service for referrals from GPs.");
        capability("Our clinicians use the national Summary Care Record.");
        capability("Our systems use the Personal Demographics Service to check patient details.");
        capability("Clinical terms are captured with coded terminology rather than free text.");
        capability("Our data submissions follow the NHS Data Model and Dictionary definitions.");
        capability("Our pathology messages conform to national messaging standards.");
        capability("We use open standards to share data with social care.");

        // ---- infrastructure
        infrastructure("Wi-Fi is available for staff in all clinical areas.");
        QUESTIONS.add(new Question(INFRASTRUCTURE, AGREEMENT, "", "Wi-Fi is available for patients and visitors.",
                NOT_AMBULANCE));
        infrastructure("Our network is resilient, with no single point of failure for critical systems.");
        infrastructure("Our core clinical systems are available at least 99.5% of the time.");
        infrastructure("We have a tested disaster recovery plan for critical systems.");
        infrastructure("Staff have enough computers and devices at the point of care.");
        infrastructure("Mobile devices are available to the clinical staff who need them.");
        infrastructure("Staff can log in to clinical systems quickly with single sign-on.");
        infrastructure("Smartcard authentication is used for access to national systems.");
        infrastructure("Our desktop estate runs supported operating systems.");
        infrastructure("Our servers run supported operating systems.");
        infrastructure("Unsupported software is being removed to a plan.");
        infrastructure("We are connected to the Health and Social Care Network.");
        infrastructure("Our data centre arrangements meet our resilience requirements.");
        infrastructure("We use cloud services where appropriate.");
        infrastructure("Our clinical systems are integrated through an integration engine.");
        infrastructure("Our main clinical systems share a common patient index.");
        infrastructure("Remote access is available for staff working off site.");
        infrastructure("Our telephony supports modern ways of working.");
        infrastructure("The IT service desk resolves most incidents within agreed service levels.");
        q(INFRASTRUCTURE, PERCENT_BAND, "What proportion of clinical areas have reliable network coverage?");
        q(INFRASTRUCTURE, PERCENT_BAND, "What proportion of clinical staff have a mobile device for work?");
        q(INFRASTRUCTURE, PERCENT_BAND, "What proportion of your systems are hosted in resilient data centres?");
        q(INFRASTRUCTURE, PERCENT_BAND, "What proportion of your desktop devices are less than five years old?");
        q(INFRASTRUCTURE, STRUCTURE, "How is data held in your main clinical record system?");
        q(INFRASTRUCTURE, STRUCTURE, "How is data held in your document management system?");
        q(INFRASTRUCTURE, YES_NO, "Do you have a single electronic patient record across your main services?");
        q(INFRASTRUCTURE, YES_NO, "Do you have an organisation-wide integration engine?");
        q(INFRASTRUCTURE, YES_NO, "Do you have a business continuity plan for the loss of IT services?");
        q(INFRASTRUCTURE, YES_NO, "Have you had a penetration test in the last 12 months?");

        // ---- context, not scored
        q(NONE, YES_NO, "Does your organisation use a single supplier for its electronic patient record?");
        q(NONE, YES_NO, "Are you part of the Global Digital Exemplar or fast follower programme?");
        q(NONE, YES_NO, "Have you replaced your main clinical system in the last three years?");
        q(NONE, YES_NO, "Do you plan to replace your main clinical system in the next three years?");
        q(NONE, YES_NO, "Is your IT service provided in-house?");
        q(NONE, YES_NO, "Do you share an IT service with another NHS organisation?");
        q(NONE, YES_NO, "Is your local digital roadmap published?");
        q(NONE, YES_NO, "Do you offer patients free Wi-Fi?");
        q(NONE, AGREEMENT, "The board reviewed this assessment before it was submitted.");
        q(NONE, AGREEMENT, "Clinicians contributed to this assessment.");
        q(NONE, AGREEMENT, "This assessment is useful for our local planning.");
        q(NONE, AGREEMENT, "Internal audit has validated our answers.");
        q(NONE, PERCENT_BAND, "What proportion of your IT budget is capital?");
        q(NONE, PERCENT_BAND, "What proportion of your IT spend goes on maintaining existing systems?");
        q(NONE, PERCENT_BAND, "What proportion of staff have completed digital skills training?");

        if (QUESTIONS.size() != 175) {
            throw new IllegalStateException("the assessment has 175 questions, not " + QUESTIONS.size());
        }
    }

    private DmaQuestionBank() {
    }

    private static void q(String theme, String scale, String text) {
        QUESTIONS.add(new Question(theme, scale, "", text, ""));
    }

    private static void tagged(String theme, String scale, String topic, String text) {
        QUESTIONS.add(new Question(theme, scale, topic, text, ""));
    }

    private static void readiness(String text) {
        q(READINESS, AGREEMENT, text);
    }

    private static void capability(String text) {
        q(CAPABILITY, AGREEMENT, text);
    }

    private static void infrastructure(String text) {
        q(INFRASTRUCTURE, AGREEMENT, text);
    }

    private static void proportion(String what, String where) {
        proportion(what, where, "");
    }

    private static void proportion(String what, String where, String sectors2017) {
        QUESTIONS.add(new Question(CAPABILITY, PERCENT_BAND, "", "What proportion of " + what + " in " + where + "?",
                sectors2017));
    }

    private static void sectorCapability(String sectors2017, String text) {
        QUESTIONS.add(new Question(CAPABILITY, AGREEMENT, "", text, sectors2017));
    }

    static List<Question> questions() {
        return List.copyOf(QUESTIONS);
    }
}
