//! Writes the binary files of Dossier's bundled sample evidence folder
//! (`assets/sample-evidence/`): the practice folder of a fictional AWS consulting
//! partner, Northwind Cloud Consulting, that a new user opens on first launch.
//!
//! ```text
//! cargo run -p dossier-fixtures --example sample_evidence -- assets/sample-evidence
//! ```
//!
//! This example is the single source of the Office documents, PDFs, the draw.io
//! diagram, its SVG export and the photo. The Markdown files in the folder are
//! written by hand and live only there; this example never touches them.
//! `assets/README.md` lists every file and the controls it is evidence for.
//!
//! The output is reproducible: rerunning gives byte-identical files. Every zip
//! entry is stamped 1980-01-01 (the zip format's zero date), and the creation and
//! modification dates `rust_xlsxwriter` writes into an xlsx's `docProps/core.xml`
//! (otherwise the current time) are pinned to [`DOCUMENT_DATE`].

use dossier_fixtures::{write_docx, write_drawio, write_pdf, write_pptx, write_svg, write_xlsx};
use std::error::Error;
use std::io::{self, Cursor, Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The date stamped into workbook metadata in place of the time of generation.
const DOCUMENT_DATE: &str = "2026-01-15T09:00:00Z";

/// Writes one file of the folder at the given path.
type WriteFile = fn(&Path) -> io::Result<()>;

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: sample_evidence OUTPUT_DIR (e.g. assets/sample-evidence)")?,
    );
    #[rustfmt::skip] // One file a line.
    let files: &[(&str, WriteFile)] = &[
        ("Practice/Northwind Cloud - Company Overview 2026.pptx", company_overview),
        ("Practice/Training Plan and Onboarding Paths FY2026.xlsx", training_plan),
        ("Delivery/Templates/SOW Template - Data and Analytics v3.2.docx", sow_template),
        ("Delivery/Templates/Project Plan Template - CSAT Checkpoints.xlsx", project_plan),
        ("Operations/RCA/RCA-2025-017 Acme Retail nightly ETL outage.pdf", rca_record),
        ("Security/Security Engagement SOP - Account Governance and Access.docx", security_sop),
        ("Security/Data Encryption and Key Management Policy.pdf", encryption_policy),
        ("Customers/Acme Retail/acme-retail-analytics-architecture.drawio", architecture_drawio),
        ("Customers/Acme Retail/acme-retail-analytics-architecture.svg", architecture_svg),
        ("Customers/Acme Retail/Acme Retail - TCO and Cost Model.xlsx", cost_model),
        ("Admin/invoice-2024-03.pdf", invoice),
        ("Admin/office.jpg", office_photo),
    ];
    for (relative, write) in files {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write(&path)?;
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("docx" | "xlsx" | "pptx")
        ) {
            make_reproducible(&path)?;
        }
        println!("wrote {}", path.display());
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Practice

fn company_overview(path: &Path) -> io::Result<()> {
    write_pptx(
        path,
        &[
            &[
                "Northwind Cloud Consulting",
                "Company overview: AWS Data and Analytics practice",
                "January 2026 | Dana Whitfield, Head of Data and Analytics Practice",
            ],
            &[
                "Company history",
                "2014: founded in Seattle as a three-person data engineering consultancy\n\
                 2016: joined the AWS Partner Network; first Amazon Redshift migration\n\
                 2019: launched the Data and Analytics practice\n\
                 2021: AWS Advanced Tier Services Partner\n\
                 2024: Amazon Redshift and AWS Glue Service Delivery designations\n\
                 2025: 40th production data platform delivered on AWS",
            ],
            &[
                "Offices and people",
                "Offices: Seattle (headquarters), Denver, Toronto",
                "142 employees, 96 billable consultants\n\
                 118 active AWS certifications across 74 people\n\
                 11 AWS Certified Data Engineer - Associate, 6 AWS Certified Solutions Architect - Professional",
            ],
            &[
                "Customer profile",
                "85 active customers; 60% mid-market (500 to 5,000 employees), 30% enterprise, 10% digital natives\n\
                 Industries: retail and consumer goods (35%), logistics (20%), healthcare (20%), financial services (15%), other (10%)\n\
                 Typical engagement: 10 to 24 weeks, followed by an optional managed operations agreement",
            ],
            &[
                "Our Data and Analytics practice",
                "Modern data platforms: Amazon S3 data lakes governed with AWS Lake Formation, AWS Glue for ETL and cataloguing, Amazon Redshift for warehousing\n\
                 Streaming analytics: Amazon Kinesis Data Streams and Amazon MSK, with Amazon Managed Service for Apache Flink\n\
                 Business intelligence: Amazon QuickSight dashboards and embedded analytics\n\
                 Data governance: data quality rules in AWS Glue Data Quality, lineage and access policies",
            ],
            &[
                "Why AWS: what we can only deliver on AWS",
                "Amazon Redshift data sharing lets business units query live data without copies or extra ETL\n\
                 Zero-ETL integrations from Amazon Aurora to Amazon Redshift remove whole pipeline tiers\n\
                 Serverless building blocks (AWS Glue, Amazon Kinesis, AWS Lambda) scale with seasonal retail peaks\n\
                 Our retail analytics accelerator deploys as AWS CloudFormation in one day",
            ],
            &[
                "Notable AWS projects",
                "Acme Retail (210 stores): unified sales and inventory analytics on Amazon Redshift, AWS Glue and Amazon Kinesis; nightly reporting window cut from 9 hours to 40 minutes\n\
                 Bluewater Logistics: shipment telemetry lake on Amazon S3 and Amazon Athena; 1.2 billion events a day\n\
                 Cedar Valley Health Network: HIPAA-eligible clinical reporting on Amazon Redshift Serverless",
            ],
            &[
                "Demonstration",
                "Live demo: retail analytics accelerator, from point-of-sale event to Amazon QuickSight dashboard in under 15 minutes",
            ],
            &[
                "Thank you",
                "Dana Whitfield | practice lead | dana.whitfield@northwind-cloud.example",
                "Rachel Brennan | AWS alliance and sales | rachel.brennan@northwind-cloud.example",
            ],
        ],
    )
}

#[rustfmt::skip] // One row of the sheet a line.
fn training_plan(path: &Path) -> io::Result<()> {
    write_xlsx(
        path,
        &[
            &["Northwind Cloud Consulting - Data and Analytics practice: training plan and onboarding paths FY2026"],
            &["Owner: Dana Whitfield (practice lead)", "Last reviewed: 2026-01-12", "Review cycle: quarterly"],
            &[],
            &["Role", "Onboarding path (first 30 days)", "Required AWS training", "Required certification", "Deadline (days from start)", "Ongoing learning per year (hours)", "Owner"],
            &["Account executive (seller)", "Practice overview; AWS co-sell and Partner Central walkthrough; shadow two discovery calls", "AWS Partner: Sales Accreditation (Business); AWS Partner: Data and Analytics on AWS (Business)", "AWS Certified Cloud Practitioner", "90", "16", "Rachel Brennan"],
            &["Solutions architect", "Reference architectures; accelerator lab; Well-Architected review shadowing", "Data Analytics Learning Plan (AWS Skill Builder); AWS Well-Architected Best Practices", "AWS Certified Solutions Architect - Associate; AWS Certified Data Engineer - Associate", "180", "40", "Marcus Oyelaran"],
            &["Data engineer", "Delivery standards; IaC and pipeline walkthrough; pair on a live sprint", "Data Engineer Learning Plan (AWS Skill Builder); Building Batch Data Analytics Solutions on AWS", "AWS Certified Data Engineer - Associate", "120", "40", "Marcus Oyelaran"],
            &["Analytics consultant (BI)", "Amazon QuickSight design standards; dashboard review checklist", "Amazon QuickSight Learning Plan; Data Analytics Fundamentals", "AWS Certified Cloud Practitioner", "90", "24", "Marcus Oyelaran"],
            &["Project manager", "Delivery methodology; SOW and change control; CSAT checkpoints; RACI template", "AWS Partner: Cloud Economics Accreditation; AWS Cloud Practitioner Essentials", "AWS Certified Cloud Practitioner", "90", "16", "Priya Natarajan"],
            &["Practice lead", "Competency requirements; utilisation and staffing reviews", "AWS Partner: Technical Accredited; AWS Partner: Data and Analytics on AWS (Technical)", "AWS Certified Data Engineer - Associate", "180", "24", "Dana Whitfield"],
            &[],
            &["Resources for ongoing AWS skills development"],
            &["Resource", "Description", "Who"],
            &["AWS Skill Builder team subscription", "Labs, learning plans and exam preparation for all delivery staff", "All consultants"],
            &["Certification vouchers and bonus", "Exam fees paid; bonus of 1,000 USD per Professional or Specialty certification", "All staff"],
            &["Sandbox AWS accounts", "AWS Organizations sandbox OU with AWS Budgets alerts at 200 USD per person per month", "Delivery staff"],
            &["Lunch and learn", "Monthly internal session led by a consultant; recordings on the wiki", "All staff"],
            &["Learning time", "Four hours per fortnight booked as non-billable learning time", "Delivery staff"],
            &[],
            &["Resource allocation"],
            &["Weekly staffing meeting", "Practice lead and project managers match certified data engineers and architects to new SOWs using the skills matrix; every Data and Analytics project has at least one AWS certified data engineer", "Dana Whitfield"],
            &[],
            &["Certification status (2026-01-12)", "Count"],
            &["AWS Certified Data Engineer - Associate", "11"],
            &["AWS Certified Solutions Architect - Associate", "29"],
            &["AWS Certified Solutions Architect - Professional", "6"],
            &["AWS Certified Cloud Practitioner", "52"],
        ],
    )
}

// ---------------------------------------------------------------------------
// Delivery

fn sow_template(path: &Path) -> io::Result<()> {
    write_docx(
        path,
        &[
            "STATEMENT OF WORK (TEMPLATE)",
            "Northwind Cloud Consulting - Data and Analytics Services. Template version 3.2, revised 2025-10-06. Owner: Delivery Excellence.",
            "Customer: [Customer legal name]. SOW number: [NCC-SOW-YYYY-NNN]. Governing agreement: Master Services Agreement [reference] dated [date].",
            "Instructions: replace every [bracketed] field, delete guidance paragraphs marked GUIDANCE, and have the SOW reviewed by the practice lead before it is sent.",
            "1. Background and business objectives",
            "[Customer] wants to [business problem, e.g. consolidate sales and inventory reporting from store systems into a single analytics platform on AWS]. This Statement of Work describes the services Northwind Cloud Consulting (Northwind) will provide to achieve the expected outcomes below.",
            "2. Expected outcomes",
            "Each outcome has a baseline, a target and a measurement agreed with the customer during discovery, e.g. Outcome 1: daily sales reporting available by 07:00 local time (baseline: 13:00). Outcome 2: dashboards refreshed every 15 minutes (baseline: daily). Outcome 3: platform run cost within the approved cost model (see TCO appendix).",
            "3. Scope of work",
            "In scope: discovery workshops; target architecture on AWS; landing zone extensions required for the workload; data ingestion from [N] source systems; data lake and warehouse build; [N] dashboards; infrastructure as code; operational runbook; knowledge transfer.",
            "Out of scope: changes to source applications; data cleansing beyond the agreed data quality rules; end-user training beyond the sessions listed in section 4; ongoing operations after hypercare unless covered by a separate managed services agreement.",
            "4. Deliverables",
            "D1 Discovery report: current state, data source inventory, prioritised use cases and success metrics.",
            "D2 Target architecture: architecture diagram and design decisions, reviewed against the AWS Well-Architected Framework.",
            "D3 Infrastructure as code: AWS CloudFormation or AWS CDK repository and CI/CD pipeline for all environments.",
            "D4 Data pipelines: ingestion and transformation jobs with data quality rules and automated tests.",
            "D5 Dashboards: [N] Amazon QuickSight dashboards as specified in the discovery report.",
            "D6 Operations pack: workload health KPIs, Amazon CloudWatch alarms, runbook and disaster recovery plan with RTO and RPO targets.",
            "D7 Knowledge transfer: two administrator training sessions, recorded, with training guides.",
            "5. Roles and responsibilities (RACI)",
            "Project management and status reporting: Northwind project manager R/A; customer project sponsor I.",
            "Architecture and design decisions: Northwind solutions architect R; customer enterprise architect A; customer security C.",
            "Access to AWS accounts and source systems: customer cloud team R/A; Northwind C.",
            "Pipeline and dashboard build: Northwind data engineers R; Northwind solutions architect A; customer data owners C.",
            "User acceptance testing: customer business users R; customer project sponsor A; Northwind C.",
            "Production change approval: customer change advisory board A; Northwind project manager R.",
            "6. Project governance",
            "Northwind assigns a named project manager, [name], accountable for schedule, budget, risks and status reporting. Weekly status reports; fortnightly steering committee with the customer sponsor. Customer satisfaction checkpoints are held at each milestone in section 10 (see the project plan template).",
            "7. Assumptions and customer dependencies",
            "The customer provides AWS account access according to Northwind's Security Engagement SOP within five business days of kickoff; source system owners are available for up to four hours a week; test data representative of production is available by the end of discovery.",
            "8. Acceptance criteria and handoff",
            "Each deliverable is submitted with a deliverable acceptance form listing its acceptance criteria. The customer reviews the deliverable within five business days and either signs the form or returns a written list of non-conformities, which Northwind corrects and resubmits. A deliverable is deemed accepted if no response is received within ten business days.",
            "Acceptance criteria for D4 and D5: all automated tests pass in the staging environment; data reconciles with the source system within 0.5% for the agreed sample period; UAT scripts signed by the business owner.",
            "Handoff: at go-live Northwind hands over the runbook, the infrastructure as code repository, administrator training and credentials ownership to the customer operations team, followed by [two] weeks of hypercare. Handoff is complete when the customer signs the operational acceptance certificate.",
            "9. Change management",
            "Either party may request a change to scope, schedule or fees by submitting a change request (CR) form to the Northwind project manager. Northwind records the CR in the change log and delivers an impact assessment (scope, effort, cost, schedule, risk) within three business days.",
            "A CR takes effect only when signed by both parties' project sponsors. Work on a change does not start before signature. Urgent changes needed to restore service may be approved by email by the sponsors and are documented in a CR within two business days.",
            "The change log is reviewed at each steering committee; approved CRs are appended to this SOW.",
            "10. Schedule and milestones",
            "M1 Discovery complete (week 3); M2 Architecture approved (week 5); M3 Pipelines in staging (week 10); M4 Production go-live (week 14); M5 Hypercare complete (week 16).",
            "11. Fees and payment",
            "[Fixed fee per milestone / time and materials] as detailed in Appendix A. Eligible AWS partner funding is applied as a credit against milestone invoices once approved by AWS.",
            "12. Signatures",
            "For [Customer]: name, title, date. For Northwind Cloud Consulting: name, title, date.",
        ],
    )
}

#[rustfmt::skip] // One row of the sheet a line.
fn project_plan(path: &Path) -> io::Result<()> {
    write_xlsx(
        path,
        &[
            &["Project plan template with customer satisfaction checkpoints (rev. 2025-06-02)"],
            &["Project", "[Customer] - [project name]", "Project manager", "[Northwind PM name]", "Sponsor", "[Customer sponsor]"],
            &["Example shown: Acme Retail analytics platform (SOW NCC-SOW-2025-014), project manager Priya Natarajan"],
            &[],
            &["ID", "Phase", "Task or milestone", "Owner", "Start", "End", "Duration (days)", "CSAT checkpoint", "Checkpoint method", "Target score (1-5)", "Acme Retail result", "Comment"],
            &["1.1", "Mobilise", "Kickoff workshop and RACI confirmation", "PM", "2025-04-07", "2025-04-07", "1", "", "", "", "", ""],
            &["1.2", "Discovery", "Data source inventory and use case prioritisation", "SA", "2025-04-08", "2025-04-25", "14", "", "", "", "", ""],
            &["M1", "Discovery", "Discovery report accepted", "PM", "2025-04-25", "2025-04-25", "0", "Yes", "Pulse survey (5 questions) and sponsor call", "4", "4.5", "Asked for more detail on data quality findings"],
            &["2.1", "Design", "Target architecture and Well-Architected review", "SA", "2025-04-28", "2025-05-09", "10", "", "", "", "", ""],
            &["M2", "Design", "Architecture approved by customer enterprise architect", "PM", "2025-05-09", "2025-05-09", "0", "Yes", "Pulse survey and steering committee review", "4", "4.7", ""],
            &["3.1", "Build", "Landing zone extensions and CI/CD pipeline (IaC)", "DE", "2025-05-12", "2025-05-23", "10", "", "", "", "", ""],
            &["3.2", "Build", "Ingestion: Amazon Kinesis and AWS Glue jobs", "DE", "2025-05-19", "2025-06-20", "25", "", "", "", "", ""],
            &["3.3", "Build", "Amazon Redshift models and Amazon QuickSight dashboards", "DE / BI", "2025-06-09", "2025-07-11", "25", "", "", "", "", ""],
            &["M3", "Build", "Pipelines running in staging", "PM", "2025-07-11", "2025-07-11", "0", "Yes", "Pulse survey after sprint demo", "4", "3.8", "Dashboard performance concern; action plan agreed, retested 4.4 on 2025-07-25"],
            &["4.1", "Test", "UAT and data reconciliation", "Customer", "2025-07-14", "2025-08-08", "20", "", "", "", "", ""],
            &["4.2", "Launch", "Deployment readiness review and cutover", "PM", "2025-08-11", "2025-08-18", "6", "", "", "", "", ""],
            &["M4", "Launch", "Production go-live", "PM", "2025-08-18", "2025-08-18", "0", "Yes", "Go-live survey to sponsor and business owners", "4", "4.6", ""],
            &["5.1", "Hypercare", "Hypercare and knowledge transfer", "SA", "2025-08-18", "2025-09-12", "20", "", "", "", "", ""],
            &["M5", "Close", "Operational acceptance and project closure", "PM", "2025-09-12", "2025-09-12", "0", "Yes", "Closing NPS survey and lessons-learned workshop", "NPS 40", "NPS 67", "Three promoters, no detractors"],
            &[],
            &["Rules: a checkpoint score below target triggers an action plan within five business days, owned by the project manager and reviewed at the next steering committee."],
        ],
    )
}

// ---------------------------------------------------------------------------
// Operations

fn rca_record(path: &Path) -> io::Result<()> {
    write_pdf(
        path,
        &[
            "Northwind Cloud Consulting - Root Cause Analysis\n\
             RCA-2025-017: Acme Retail nightly sales ETL failure and delayed dashboards\n\
             \n\
             Customer: Acme Retail. Workload: analytics platform (managed operations agreement MOA-2025-009).\n\
             Incident: INC-48213. Severity: Sev-2. Date of incident: 2025-11-14. RCA completed: 2025-11-19.\n\
             Author: Elena Ruiz (data engineer). Reviewed by: Marcus Oyelaran (lead architect), Sam Delgado (Acme IT operations).\n\
             Status: closed; all corrective actions complete as of 2026-01-09.\n\
             \n\
             1. Summary\n\
             The nightly AWS Glue job that loads store sales into Amazon Redshift failed three times between 02:10 and 03:05. The daily sales dashboards in Amazon QuickSight were not refreshed until 09:42, missing the 07:00 availability target (KPI OPS-K3) by 2 hours 42 minutes. No data was lost.\n\
             \n\
             2. Impact\n\
             Store managers in 210 stores had no previous-day sales figures for their morning stand-up. Regional replenishment orders were delayed by about three hours. Streaming dashboards fed by Amazon Kinesis were not affected.\n\
             \n\
             3. Timeline (UTC-8)\n\
             2025-11-13 16:30 Point-of-sale vendor deploys a software update to 40 pilot stores without notice; the export file gains a column, loyalty_tier.\n\
             2025-11-14 02:10 AWS Glue job sales_nightly_load fails: schema mismatch on the raw sales table.\n\
             02:10 Amazon CloudWatch alarm GlueJobFailed fires; the page to the on-call engineer is not sent because the alarm action targeted a deleted Amazon SNS topic.\n\
             03:05 Third automatic retry fails; the job stops.\n\
             06:45 Acme store operations report missing dashboards to the Acme service desk.\n\
             07:02 Ticket assigned to Northwind on-call (Tomasz Wieczorek); Sev-2 declared at 07:10.\n\
             07:40 Root cause identified from AWS Glue job logs in Amazon CloudWatch Logs.\n\
             08:15 Schema mapping updated through the deployment pipeline; job rerun manually per runbook procedure RB-04.\n\
             09:30 Load complete; Amazon Redshift row counts reconcile with the source.\n\
             09:42 Dashboards refreshed; incident resolved at 09:50.",
            "4. Root cause\n\
             The ingestion job used a fixed schema for the raw sales files and rejected the file when the vendor added a column. The failure was not escalated for five hours because the CloudWatch alarm action pointed to an Amazon SNS topic that had been deleted during a clean-up on 2025-10-30 and recreated under a new name; the alarm remained in the ALARM state without notifying anyone.\n\
             \n\
             Five whys\n\
             Why were dashboards late? The nightly load failed. Why did it fail? The file had an unexpected column. Why did a new column break the job? The job enforced a fixed schema with no schema evolution policy. Why was nobody paged? The alarm notified a deleted SNS topic. Why was this not detected? Alarm actions were not covered by the deployment pipeline's tests.\n\
             \n\
             Contributing factors: no change notification agreement with the point-of-sale vendor; the runbook did not cover schema drift.\n\
             \n\
             5. Corrective and preventive actions\n\
             CA-1 Enable schema evolution for additive columns in the AWS Glue job and quarantine unknown columns to a review table. Owner: Elena Ruiz. Due 2025-11-28. Done.\n\
             CA-2 Manage all Amazon SNS topics and alarm actions in AWS CloudFormation; add a pipeline test that every alarm action targets an existing topic. Owner: Tomasz Wieczorek. Due 2025-12-05. Done.\n\
             CA-3 Add a heartbeat alarm: page if no successful load by 05:00. Owner: Tomasz Wieczorek. Due 2025-11-21. Done.\n\
             CA-4 Add a schema drift procedure (RB-09) to the Acme runbook. Owner: Elena Ruiz. Due 2025-12-02. Done.\n\
             CA-5 Acme to agree a 10-day change notice with the point-of-sale vendor. Owner: Sam Delgado (Acme). Due 2026-01-09. Done.\n\
             \n\
             6. Architecture review\n\
             The incident was reviewed against the Reliability pillar of the AWS Well-Architected Framework. Recommendation adopted: decouple file ingestion from loading with an Amazon S3 landing prefix and an AWS Glue Data Quality ruleset, so that a bad file blocks only its own partition instead of the whole nightly load.\n\
             \n\
             7. RCA process reference\n\
             This record follows Northwind operations standard OPS-04: an RCA is mandatory for every Sev-1 and Sev-2 incident and for any breach of an agreed KPI; it is blameless, completed within five business days, reviewed with the customer, and its corrective actions are tracked to closure in the customer's service review.",
        ],
    )
}

// ---------------------------------------------------------------------------
// Security

fn security_sop(path: &Path) -> io::Result<()> {
    write_docx(
        path,
        &[
            "Security Engagement SOP: AWS Account Governance, Identity and Network Security",
            "Document SEC-SOP-01, version 2.1, effective 2025-09-01. Owner: Kenji Matsuda, security lead. Applies to every Northwind consultant who creates or accesses a customer AWS account.",
            "1. Purpose",
            "This standard operating procedure defines how Northwind creates AWS accounts on behalf of customers, how consultants access customer environments, and the network security baseline we apply to every workload we build.",
            "2. Creating AWS accounts for customers",
            "New accounts are created in the customer's AWS Organizations organization, through AWS Control Tower Account Factory where the customer uses it. Each account is registered to a customer-owned corporate distribution list (for example aws-prod-analytics@customer.example), never to a personal mailbox or a Northwind address.",
            "2.1 Root user. The root user is not used for workload activities or daily administration. It is used only for the tasks that require it: changing the account's root settings, restoring IAM administrator access, or closing the account. Root access keys must not exist; the consultant verifies this with the IAM credential report at handover.",
            "2.2 MFA on root. A hardware MFA device (or passkey) is enabled on the root user of every account before any other configuration. The device and the root password are handed to the customer's designated owner and stored in the customer's safe or password vault; Northwind keeps no copy.",
            "2.3 Contact information. The account contact and the alternate contacts for billing, operations and security are set to the customer's corporate email distribution lists and corporate phone number, so that AWS notifications reach a monitored mailbox.",
            "2.4 AWS CloudTrail. An organization trail logs management events in all AWS Regions, with log file validation enabled. Logs are delivered to a dedicated Amazon S3 bucket in the Log Archive account, encrypted with an AWS KMS key, with S3 Object Lock in governance mode and a bucket policy that denies deletion, so that logs are protected from accidental deletion.",
            "3. Accessing customer AWS accounts",
            "3.1 Console and programmatic access. Consultants access the AWS Management Console through AWS IAM Identity Center, federated with the customer's identity provider where available, and use the AWS CLI with short-lived credentials from aws sso login. Custom tools use the AWS SDK default credential chain; no credentials are stored in code or in repositories.",
            "3.2 Temporary credentials. Access is granted through IAM roles with temporary credentials. Where the customer does not use IAM Identity Center, Northwind assumes a cross-account IAM role from its own organization with an external ID and MFA condition. Long-lived IAM user access keys are not permitted; exceptions require written customer approval and a 90-day rotation.",
            "3.3 Enterprise identities. We use the customer's existing enterprise identities through identity federation (SAML 2.0 or OIDC), or AWS Managed Microsoft AD when the workload requires Active Directory.",
            "3.4 Least privilege. Permission sets and roles grant only the actions each role needs. Wildcards in Action and Resource elements are avoided; IAM Access Analyzer policy validation runs in the deployment pipeline and findings block the release.",
            "3.5 Dedicated credentials. Every Northwind individual uses their own identity; shared logins are prohibited. Access is reviewed with the customer monthly and removed within one business day of a consultant leaving the project.",
            "4. Network security baseline (Amazon VPC)",
            "4.1 Internet to VPC. Only load balancers and, where needed, NAT gateways sit in public subnets. Security groups on the Application Load Balancer allow HTTPS (443) from the Internet or from Amazon CloudFront only; no security group allows SSH or RDP from 0.0.0.0/0, and administrators use AWS Systems Manager Session Manager instead.",
            "4.2 Within the VPC. Application, database and analytics tiers run in private subnets. Security groups reference other security groups rather than CIDR ranges, so each tier accepts traffic only from the tier in front of it (for example Amazon Redshift accepts port 5439 only from the AWS Glue and Amazon QuickSight security groups).",
            "4.3 Network ACLs. Subnet network ACLs restrict inbound and outbound traffic to the ports each tier requires, deny traffic between the public subnets and the data subnets, and block known-bad ranges maintained by the customer's security team.",
            "4.4 Other network protections. VPC Flow Logs are enabled for every VPC and sent to the Log Archive account. AWS WAF with AWS Managed Rules protects Internet-facing endpoints; AWS Shield Advanced is recommended for customer-facing workloads; Amazon GuardDuty is enabled in all Regions; VPC gateway and interface endpoints keep traffic to Amazon S3, AWS Glue and AWS KMS off the Internet.",
            "5. Engagement checklist",
            "Before handover the consultant completes checklist SEC-CL-01 (root MFA, no root keys, contacts set, organization trail active, IAM Access Analyzer findings resolved, security group review) and attaches it to the project record.",
            "6. Customer example",
            "Acme Retail (2025): five accounts created through AWS Control Tower; root MFA devices handed to Acme IT security on 2025-04-16; organization trail to the Log Archive account with S3 Object Lock; consultants accessed through IAM Identity Center federated with Acme's identity provider; Amazon Redshift reachable only from the AWS Glue and Amazon QuickSight security groups.",
            "Revision history: 2.0 (2025-02-10) added network baseline; 2.1 (2025-09-01) added IAM Access Analyzer pipeline check.",
        ],
    )
}

fn encryption_policy(path: &Path) -> io::Result<()> {
    write_pdf(
        path,
        &[
            "Northwind Cloud Consulting\n\
             Data Encryption and Key Management Policy\n\
             Policy SEC-POL-03, version 1.4, approved 2025-07-15 by Kenji Matsuda (security lead). Next review: 2026-07-15.\n\
             \n\
             1. Scope\n\
             This policy applies to every customer project Northwind delivers on AWS and to Northwind's own business systems that hold customer contact, business or personal information: the CRM, the billing system, the ticketing system and the project file store.\n\
             \n\
             2. Encryption at rest\n\
             2.1 Native encryption of every AWS service that stores data is enabled by default: Amazon S3 default encryption with SSE-KMS and S3 Bucket Keys; Amazon Redshift cluster encryption with AWS KMS; Amazon EBS encryption by default in every account and Region; Amazon RDS and Amazon Aurora storage encryption; AWS Glue Data Catalog and job bookmark encryption; Amazon Kinesis Data Streams server-side encryption.\n\
             2.2 An exception requires a documented reason and approval by the security lead, and is recorded in the project risk register.\n\
             2.3 Preventive controls: service control policies deny creation of unencrypted storage; AWS Config rules detect and report unencrypted resources.\n\
             \n\
             3. Encryption in transit\n\
             3.1 All traffic uses TLS 1.2 or later. Load balancers use the ELBSecurityPolicy-TLS13-1-2-2021-06 security policy; Amazon S3 bucket policies deny requests where aws:SecureTransport is false; Amazon Redshift requires SSL connections.\n\
             3.2 Endpoints exposed to the Internet: each project records them in its endpoint register. Typical endpoints are an Application Load Balancer (HTTPS only, certificate from AWS Certificate Manager, HTTP redirected to HTTPS) and Amazon QuickSight (AWS managed, TLS).\n\
             3.3 Requests to external endpoints: processes that call endpoints on the Internet (for example vendor APIs or SaaS sources) use HTTPS with certificate validation, go out through NAT gateways, and are listed in the endpoint register with the data they send.\n\
             3.4 Connections from customer premises use AWS Direct Connect with MACsec where available, or AWS Site-to-Site VPN (IPsec).\n\
             \n\
             4. Key management\n\
             4.1 All cryptographic keys are stored and managed in AWS KMS. Customer managed keys are used for regulated or confidential data, with automatic annual rotation enabled.\n\
             4.2 Key policies separate key administrators from key users; no IAM principal is both. Key deletion requires a 30-day waiting period and security lead approval.\n\
             4.3 Secrets (database passwords, API tokens) are stored in AWS Secrets Manager with rotation; keys and secrets are never stored in source code, configuration files or tickets.\n\
             \n\
             5. Northwind business systems\n\
             Customer contact and business information in the CRM, billing and ticketing systems is encrypted at rest with AES-256 by the SaaS providers and in transit with TLS 1.2 or later; the project file store is an Amazon S3 bucket encrypted with a Northwind customer managed KMS key. Laptops use full-disk encryption enforced by device management.",
            "6. Customer example: Acme Retail analytics platform (2025)\n\
             Data at rest: the Amazon S3 data lake, the Amazon Redshift cluster and the Amazon Kinesis stream are encrypted with three customer managed AWS KMS keys (raw, curated, analytics) owned by Acme's security team; Northwind roles are key users only.\n\
             Data in transit: store systems send data over AWS Direct Connect with a Site-to-Site VPN as backup; the ingestion API is exposed only through an Application Load Balancer with TLS 1.2+ and AWS WAF; Amazon Redshift enforces require_ssl.\n\
             External endpoints: one outbound integration, the point-of-sale vendor's export API, over HTTPS through NAT gateways.\n\
             Evidence: AWS Config conformance pack results attached to the go-live deployment readiness review (2025-08-15), no non-compliant resources.\n\
             \n\
             7. Compliance and review\n\
             Project architects confirm compliance with this policy at the deployment readiness review. The security lead reviews the policy every year and after any security incident.",
        ],
    )
}

// ---------------------------------------------------------------------------
// Customers

/// The Acme Retail architecture, one shape per label: the draw.io source and its
/// SVG export show the same diagram.
const ARCHITECTURE: &[&str] = &[
    "Store POS systems\n(on-premises, 210 stores)",
    "AWS Direct Connect\n1 Gbps, Site-to-Site VPN backup",
    "VPC 10.40.0.0/16\nprivate subnets in 2 Availability Zones",
    "Application Load Balancer (ALB)\nMulti-AZ, AWS WAF",
    "Amazon ECS on AWS Fargate\ningestion API, Auto Scaling 2-12 tasks",
    "Amazon Kinesis Data Streams\nPOS events, on-demand capacity",
    "Amazon S3 data lake\nraw / curated / analytics zones",
    "AWS Glue\nETL jobs, crawlers, Data Catalog",
    "AWS Lake Formation\nfine-grained access control",
    "Amazon Redshift\nRA3 cluster, Multi-AZ",
    "Amazon QuickSight\nsales and inventory dashboards",
    "AWS KMS\ncustomer managed keys",
    "Amazon CloudWatch\nalarms, dashboards, logs",
];

fn architecture_drawio(path: &Path) -> io::Result<()> {
    write_drawio(path, ARCHITECTURE, false)
}

fn architecture_svg(path: &Path) -> io::Result<()> {
    write_svg(path, ARCHITECTURE)
}

#[rustfmt::skip] // One row of the sheet a line.
fn cost_model(path: &Path) -> io::Result<()> {
    write_xlsx(
        path,
        &[
            &["Acme Retail - analytics platform: total cost of ownership and cost model"],
            &["Prepared by Northwind Cloud Consulting (Marcus Oyelaran) on 2025-03-10; presented to Acme finance on 2025-03-14. All amounts in USD, AWS prices for us-west-2 as of 2025-03."],
            &[],
            &["1. Inputs"],
            &["Input", "Value", "Source"],
            &["Raw data in data lake at go-live (TB)", "60", "Discovery report D1, storage inventory"],
            &["Warehouse data in Amazon Redshift (TB)", "12", "Current appliance, compressed"],
            &["Data growth per month (%)", "3", "Three-year trend of the current appliance"],
            &["Analysts authoring dashboards", "45", "Acme BI team"],
            &["Dashboard readers", "350", "Store and regional managers"],
            &["Peak POS events per second", "2500", "Black Friday 2024 peak"],
            &["AWS Glue DPU-hours per day", "40", "Pilot jobs, April 2025 sizing test"],
            &[],
            &["2. Monthly AWS cost estimate"],
            &["Service", "Configuration", "On-demand (monthly)", "Optimised (monthly)", "Optimisation"],
            &["Amazon Redshift compute", "2 x ra3.4xlarge", "4760", "3330", "1-year reserved nodes"],
            &["Amazon Redshift managed storage", "12 TB", "288", "288", ""],
            &["Amazon S3", "60 TB data lake", "1403", "820", "Lifecycle to S3 Glacier Instant Retrieval after 90 days"],
            &["AWS Glue", "40 DPU-hours per day", "528", "348", "Flex execution for non-urgent jobs"],
            &["Amazon Kinesis Data Streams", "On-demand capacity", "190", "190", ""],
            &["Amazon ECS on AWS Fargate", "2 to 12 tasks, 1 vCPU, 2 GB", "144", "115", "Compute Savings Plan"],
            &["Elastic Load Balancing (ALB)", "1 ALB, 2 AZs", "60", "60", ""],
            &["Amazon QuickSight", "45 authors, 350 readers", "2130", "2130", ""],
            &["AWS KMS", "3 customer managed keys", "25", "25", ""],
            &["Amazon CloudWatch", "Logs, metrics, alarms", "210", "180", "Log retention 30 days in hot tier"],
            &["AWS Direct Connect", "1 Gbps port and data transfer", "260", "260", ""],
            &["AWS Backup and cross-Region snapshots", "Redshift snapshots to us-east-2", "140", "140", ""],
            &["NAT gateways", "2 AZs", "110", "110", ""],
            &["Total", "", "10248", "7996", "Optimised = 22% below on-demand"],
            &[],
            &["3. Three-year TCO comparison"],
            &["Cost item", "Current on-premises (3 years)", "AWS (3 years)", "Notes"],
            &["Hardware, appliance support and planned 2026 refresh", "1050000", "0", "Refresh quoted at 420,000"],
            &["Database and ETL licences", "435000", "0", ""],
            &["Data centre space, power and network", "114000", "0", ""],
            &["Infrastructure administration staff", "540000", "270000", "1.5 FTE on-premises vs 0.75 FTE on AWS"],
            &["AWS run cost including growth", "0", "391000", "Year 1: 101,000; year 2: 128,000; year 3: 162,000"],
            &["Migration project (net of AWS partner funding)", "0", "240000", "SOW NCC-SOW-2025-014"],
            &["Total", "2139000", "901000", "58% lower over three years"],
            &[],
            &["4. Business value"],
            &["Value driver", "Baseline", "Target", "Estimated annual value", "Measured after go-live (2025-10)"],
            &["Daily sales reporting available", "13:00", "07:00", "", "06:20 on average"],
            &["Dashboard data freshness", "1 day", "15 minutes", "", "12 minutes"],
            &["Analyst time spent preparing data", "30%", "10%", "410000", "12%"],
            &["Stock-outs on top 500 products", "4.1%", "3.5%", "750000", "3.7%, measurement continues"],
            &[],
            &["Spend monitoring: AWS Budgets alerts at 80% and 100% of the optimised monthly estimate; monthly review of AWS Cost Explorer with Acme finance."],
        ],
    )
}

// ---------------------------------------------------------------------------
// Admin: files that are not evidence

fn invoice(path: &Path) -> io::Result<()> {
    write_pdf(
        path,
        &["INVOICE\n\
           Pinecrest Office Supply Co., 1800 Harbor Avenue, Seattle, WA 98104\n\
           \n\
           Invoice number: PO-24-03117\n\
           Invoice date: 2024-03-28. Due date: 2024-04-27 (net 30)\n\
           Bill to: Northwind Cloud Consulting, Accounts Payable, 400 Pine Street, Suite 900, Seattle, WA 98101\n\
           \n\
           Items:\n\
           1. Ergonomic task chair, graphite: 6 x 389.00 = 2,334.00\n\
           2. Height-adjustable desk frame, 60 in: 2 x 612.00 = 1,224.00\n\
           3. Whiteboard marker set (12 colours): 10 x 18.50 = 185.00\n\
           4. Laser printer toner cartridge, black: 4 x 96.00 = 384.00\n\
           5. Delivery and assembly: 1 x 150.00 = 150.00\n\
           \n\
           Subtotal: 4,277.00\n\
           Sales tax (10.25%): 438.39\n\
           Total due: 4,715.39 USD\n\
           \n\
           Payment by ACH to account ending 4410. Please quote the invoice number with your payment.\n\
           Thank you for your business."],
    )
}

/// A 32 x 24 baseline JPEG (a window, a wall, a plant and a desk): a photo that
/// holds no evidence and no text.
fn office_photo(path: &Path) -> io::Result<()> {
    std::fs::write(path, OFFICE_JPEG)
}

// ---------------------------------------------------------------------------
// Reproducibility

/// Rewrites an Office package so it no longer depends on when it was written:
/// every entry gets the zip zero date, and `docProps/core.xml` (where present)
/// gets [`DOCUMENT_DATE`] as its creation and modification dates. Other entries'
/// compressed bytes are copied unchanged.
fn make_reproducible(path: &Path) -> Result<(), Box<dyn Error>> {
    let mut archive = ZipArchive::new(Cursor::new(std::fs::read(path)?))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let name = archive.by_index_raw(index)?.name()?.into_owned();
        if name == "docProps/core.xml" {
            let mut xml = String::new();
            archive.by_index(index)?.read_to_string(&mut xml)?;
            let xml = pin_element(&xml, "dcterms:created");
            let xml = pin_element(&xml, "dcterms:modified");
            let options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .last_modified_time(DateTime::default())
                .unix_permissions(0o600);
            out.start_file(name, options)?;
            out.write_all(xml.as_bytes())?;
        } else {
            out.raw_copy_file_touch(archive.by_index_raw(index)?, DateTime::default(), None)?;
        }
    }
    std::fs::write(path, out.finish()?.into_inner())?;
    Ok(())
}

/// Replaces the text of the element `tag` in `xml` with [`DOCUMENT_DATE`].
fn pin_element(xml: &str, tag: &str) -> String {
    let open = format!("<{tag} ");
    let close = format!("</{tag}>");
    let Some(start) = xml.find(&open) else {
        return xml.to_owned();
    };
    let Some(text_start) = xml[start..].find('>').map(|i| start + i + 1) else {
        return xml.to_owned();
    };
    let Some(text_end) = xml[text_start..].find(&close).map(|i| text_start + i) else {
        return xml.to_owned();
    };
    format!("{}{DOCUMENT_DATE}{}", &xml[..text_start], &xml[text_end..])
}

/// `Admin/office.jpg`: written by a small baseline JPEG encoder (YCbCr 4:4:4,
/// the standard tables of ITU-T T.81 Annex K at quality 60); decodes with libjpeg.
#[rustfmt::skip]
const OFFICE_JPEG: [u8; 796] = [
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48,
    0x00, 0x48, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x84, 0x00, 0x0d, 0x09, 0x0a, 0x0b, 0x0a, 0x08, 0x0d,
    0x0b, 0x0a, 0x0b, 0x0e, 0x0e, 0x0d, 0x0f, 0x13, 0x20, 0x15, 0x13, 0x12, 0x12, 0x13, 0x27, 0x1c,
    0x1e, 0x17, 0x20, 0x2e, 0x29, 0x31, 0x30, 0x2e, 0x29, 0x2d, 0x2c, 0x33, 0x3a, 0x4a, 0x3e, 0x33,
    0x36, 0x46, 0x37, 0x2c, 0x2d, 0x40, 0x57, 0x41, 0x46, 0x4c, 0x4e, 0x52, 0x53, 0x52, 0x32, 0x3e,
    0x5a, 0x61, 0x5a, 0x50, 0x60, 0x4a, 0x51, 0x52, 0x4f, 0x01, 0x0e, 0x0e, 0x0e, 0x13, 0x11, 0x13,
    0x26, 0x15, 0x15, 0x26, 0x4f, 0x35, 0x2d, 0x35, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f,
    0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f,
    0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f,
    0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0x4f, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00,
    0x18, 0x00, 0x20, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
    0x1f, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4,
    0x00, 0xb5, 0x10, 0x00, 0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00,
    0x00, 0x01, 0x7d, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13,
    0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15,
    0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25,
    0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46,
    0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66,
    0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86,
    0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4,
    0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2,
    0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,
    0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5,
    0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xc4, 0x00, 0x1f, 0x01, 0x00, 0x03, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
    0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x11, 0x00, 0x02, 0x01, 0x02, 0x04,
    0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00, 0x01, 0x02, 0x77, 0x00, 0x01, 0x02, 0x03, 0x11,
    0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08,
    0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a,
    0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35,
    0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55,
    0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75,
    0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93,
    0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa,
    0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8,
    0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xda, 0x00,
    0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xeb, 0x65, 0x4d, 0xf8, 0xf6,
    0xad, 0x30, 0xee, 0xd7, 0x33, 0xac, 0xaf, 0x62, 0x3f, 0x27, 0xda, 0xba, 0x79, 0xcc, 0x2c, 0x49,
    0x12, 0x6c, 0xcf, 0xbd, 0x73, 0x62, 0x1d, 0xec, 0x6f, 0x45, 0x5a, 0xe3, 0xeb, 0x98, 0xdc, 0x72,
    0x90, 0x3a, 0x8c, 0xd5, 0xc2, 0x7c, 0xa4, 0x4a, 0x3c, 0xc2, 0xef, 0x1f, 0xdd, 0xfd, 0x6a, 0xbd,
    0xa9, 0x3e, 0xcb, 0xcc, 0xa9, 0xa9, 0xc9, 0x70, 0x96, 0x12, 0xbd, 0x92, 0x66, 0x70, 0xbf, 0x28,
    0xc6, 0x7e, 0xbc, 0x7a, 0xe3, 0x35, 0x13, 0x9f, 0x30, 0x38, 0xb8, 0xc5, 0xf2, 0xee, 0x63, 0x78,
    0x5e, 0xe6, 0xfa, 0x76, 0x98, 0x4e, 0xef, 0x2d, 0xb8, 0x1c, 0x3b, 0x9c, 0x90, 0xdc, 0x70, 0x09,
    0xf6, 0xfe, 0x9e, 0xbc, 0xe6, 0x8c, 0xe8, 0x4a, 0x4e, 0xf7, 0xd8, 0xe7, 0x7f, 0xb5, 0x6f, 0x7f,
    0xe7, 0xf6, 0xe3, 0xfe, 0xfe, 0xb7, 0xf8, 0xd4, 0xd9, 0x9e, 0x85, 0x90, 0x7f, 0x6a, 0xde, 0xff,
    0x00, 0xcf, 0xed, 0xc7, 0xfd, 0xfd, 0x6f, 0xf1, 0xa2, 0xcc, 0x2c, 0x83, 0xfb, 0x56, 0xf7, 0xfe,
    0x7f, 0x6e, 0x3f, 0xef, 0xeb, 0x7f, 0x8d, 0x16, 0x61, 0x64, 0x1f, 0xda, 0xb7, 0xbf, 0xf3, 0xfb,
    0x71, 0xff, 0x00, 0x7f, 0x5b, 0xfc, 0x68, 0xb3, 0x0b, 0x23, 0xff, 0xd9,
];
