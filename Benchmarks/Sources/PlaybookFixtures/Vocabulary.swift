/// The words the fixtures are made of: pools large enough that thousands of hypotheses
/// read as different ideas rather than one template repeated.
enum Vocabulary {
    static let regions = ["emea", "na", "latam", "apac", "global"]

    static func regionLabel(_ region: String) -> String {
        region == "global" ? "Global" : region.uppercased()
    }

    static func currency(for region: String) -> String {
        switch region {
        case "emea": "EUR"
        case "latam": "BRL"
        case "apac": "AUD"
        default: "USD"
        }
    }

    static let firstNames = [
        "Priya", "Tomás", "Hannah", "Lena", "Arjun", "Chloé", "Samuel", "Mei", "Jonas", "Amara",
        "Diego", "Yuki", "Fatima", "Oskar", "Nadia", "Kwame", "Sofia", "Mateo", "Ingrid", "Ravi",
        "Zeynep", "Lucas", "Aisha", "Henrik", "Camila", "Tariq", "Elena", "Jun", "Marta", "Felix",
        "Noor", "Pablo", "Ewa", "Kenji", "Lucía", "Idris", "Greta", "Anil", "Rosa", "Emeka",
    ]

    static let lastNames = [
        "Raman", "Ferreira", "Okafor", "Brandt", "Mehta", "Martin", "Osei", "Chen", "Lindqvist", "Diallo",
        "Alvarez", "Tanaka", "Haddad", "Nowak", "Petrova", "Mensah", "Rossi", "Silva", "Berg", "Iyer",
        "Yilmaz", "Moreau", "Khan", "Nielsen", "Duarte", "Aziz", "Popescu", "Park", "Kowalski", "Weber",
        "Rahman", "Ortega", "Zielinska", "Sato", "Navarro", "Bello", "Hoffmann", "Kapoor", "Costa", "Eze",
    ]

    static let roles = [
        "Engineer", "Frontend engineer", "iOS engineer", "Android engineer", "Product designer",
        "Data analyst", "Data scientist", "Growth marketer", "Lifecycle marketer", "Content designer",
        "User researcher", "Backend engineer",
    ]

    static func missions(_ stage: Stage) -> [String] {
        switch stage {
        case .acquisition: [
            "Bring more of the right teams to the product for less, across paid, organic and store traffic.",
            "Turn curious visitors into signups without buying traffic we cannot keep.",
            "Make the first minute on our site answer the question every visitor has: is this for my team?",
        ]
        case .activation: [
            "Get every new team to a finished first project in their first week, not their first month.",
            "Shorten the path from signup to the moment a team sees the product working for them.",
            "Make the first session end with a teammate invited and a real task done.",
        ]
        case .retention: [
            "Keep active teams active: make the product part of every week, not a tool opened once.",
            "Find the teams about to drift away and give them a reason to come back.",
            "Turn first projects into habits that survive the end of the trial.",
        ]
        case .referral: [
            "Make every happy team the reason another team signs up.",
            "Turn sharing work into inviting people, without spamming anyone.",
            "Grow through the people our users already work with.",
        ]
        case .revenue: [
            "Help teams that get value pay for it, on a plan that fits, without surprises at checkout.",
            "Grow revenue per account by making the upgrade obvious when a team outgrows the free plan.",
            "Convert trials that worked, and let the ones that did not leave cleanly.",
        ]
        }
    }

    static func objectiveTitles(_ stage: Stage) -> [String] {
        switch stage {
        case .acquisition: [
            "More of the right teams find us and sign up", "Paid traffic that pays back within a quarter",
            "Visitors understand in one screen what we do", "Grow signups from search and the stores",
            "Cut wasted spend on channels that do not convert",
        ]
        case .activation: [
            "New teams finish a real project in week one", "No new team stalls on an empty workspace",
            "Get a second teammate into every new team", "Make onboarding shorter and clearer",
            "Teams reach first value in days, not weeks",
        ]
        case .retention: [
            "Activated teams come back every week", "Fewer paying teams cancel in their first quarter",
            "Reminders that help instead of nag", "Win back teams that drifted away",
            "Make the weekly digest worth opening",
        ]
        case .referral: [
            "Every active team invites someone new", "Shared links turn into signups",
            "Make inviting a colleague a one-step task", "Grow referral signups without hurting trust",
        ]
        case .revenue: [
            "Trials that worked turn into paid plans", "Raise revenue per account with fair upgrades",
            "Checkout that never loses a willing buyer", "Fewer refunds from plan mismatches",
        ]
        }
    }

    /// Verbs that read well in front of any of a stage's objects.
    static let verbs = [
        "simplify", "shorten", "personalise", "reorder", "highlight", "redesign", "localise",
        "pre-fill", "test new copy for", "add social proof to", "add a progress bar to", "bring forward",
        "break up", "add a video to", "rewrite", "add a reminder about",
    ]

    static func objects(_ stage: Stage) -> [String] {
        switch stage {
        case .acquisition: [
            "the signup form", "the hero headline", "the pricing teaser", "the store screenshots",
            "the customer logos", "the comparison table", "the template gallery preview", "the demo video",
            "the feature tour", "the free-plan badge", "the sign-in-with-Google button", "the FAQ block",
            "the landing-page testimonials", "the call to action", "the security section",
        ]
        case .activation: [
            "the onboarding checklist", "the empty workspace", "the first-project template",
            "the invite step", "the welcome email", "the sample data", "the role question",
            "the import wizard", "the keyboard-shortcut hint", "the first-task tooltip",
            "the calendar integration prompt", "the mobile app nudge", "the setup call offer",
            "the project naming step", "the getting-started video",
        ]
        case .retention: [
            "the weekly digest", "the streak reminder", "the inactive-team email", "the dashboard summary",
            "the recurring-task prompt", "the template suggestions", "the mention notifications",
            "the end-of-week recap", "the cancellation flow", "the usage report for admins",
            "the mobile push schedule", "the what's-new panel", "the pause-plan option",
            "the renewal reminder", "the team health score",
        ]
        case .referral: [
            "the invite modal", "the share link", "the referral reward", "the guest access page",
            "the referral reminder email", "the public project page", "the made-with badge",
            "the invite suggestions", "the referral landing page", "the colleague import",
            "the share-sheet entry", "the invite acceptance page", "the team directory prompt",
        ]
        case .revenue: [
            "the pricing page", "the plan comparison", "the annual-plan discount", "the checkout form",
            "the trial-ending email", "the paywall", "the upgrade prompt", "the seat calculator",
            "the invoice page", "the payment-method step", "the usage-limit banner",
            "the plan recommendation", "the billing FAQ", "the downgrade flow",
        ]
        }
    }

    /// Who a hypothesis is about: the customer segment that makes one idea differ from another.
    static let industries = [
        "architecture firms", "dental clinics", "law offices", "marketing agencies", "construction crews",
        "nonprofits", "school districts", "film studios", "research labs", "accounting practices",
        "real-estate brokers", "restaurant groups", "event planners", "game studios", "newsrooms",
        "logistics dispatchers", "hotel chains", "recruiting agencies", "veterinary practices", "fitness studios",
        "wedding photographers", "translation bureaus", "solar installers", "museum curators", "city councils",
        "insurance brokers", "podcast networks", "car dealerships", "florists", "biotech startups",
        "fashion labels", "sports clubs", "print shops", "farming cooperatives", "airline crews",
        "hospital wards", "consulting boutiques", "churches", "bakeries", "software agencies",
        "interior designers", "tutoring centres", "property managers", "record labels", "courier services",
    ]

    /// Product features an idea leans on.
    static let features = [
        "Gantt charts", "time tracking", "client portals", "recurring checklists", "shared inboxes",
        "approval workflows", "kanban boards", "resource planning", "invoice exports", "guest comments",
        "calendar sync", "form builders", "document versioning", "automation rules", "workload views",
        "budget dashboards", "status reports", "file proofing", "mobile timesheets", "meeting notes",
        "goal tracking", "dependency maps", "custom fields", "Slack alerts", "audit logs",
        "single sign-on", "template libraries", "email-to-task", "offline mode", "bulk editing",
        "portfolio views", "capacity forecasts", "time-off planning", "asset libraries", "signature requests",
        "milestone reviews", "sprint boards", "expense capture", "map views", "QR check-ins",
    ]

    /// How much or when, with a number: ideas that differ in dose are different tests.
    /// Each is the phrase for the change and a short tag for titles; `#` is the number.
    static let qualifiers: [(phrase: String, tag: String, numbers: ClosedRange<Int>)] = [
        ("for the first # days", "first # days", 2...90), ("after # minutes of use", "after # minutes", 5...180),
        ("for teams of # or more", "teams of #+", 3...250), ("with # ready-made examples", "# examples", 2...60),
        ("# hours before the trial ends", "#h before trial end", 2...96), ("on day # after signup", "day #", 2...90),
        ("with a #% discount", "#% off", 5...70), ("for workspaces with # or more projects", "# projects+", 2...120),
        ("within # minutes of signing up", "first # minutes", 2...120), ("for the top # templates", "top # templates", 3...100),
        ("once # tasks are done", "after # tasks", 2...150), ("for accounts older than # months", "# months+", 2...48),
    ]

    /// Surfaces by stage, with the platforms each reaches.
    static func surfaces(_ stage: Stage) -> [(surface: String, platforms: [String])] {
        switch stage {
        case .acquisition: [
            ("web/landing/paid-search", ["web"]), ("web/landing/paid-social", ["web"]), ("web/signup", ["web"]),
            ("web/home/hero", ["web"]), ("store/listing/screenshots", ["ios", "android"]), ("web/blog/cta", ["web"]),
        ]
        case .activation: [
            ("web/onboarding/checklist", ["web"]), ("ios/onboarding/welcome", ["ios"]),
            ("android/onboarding/welcome", ["android"]), ("email/welcome-series", ["email"]),
            ("web/app/empty-state", ["web"]), ("web/onboarding/invite-step", ["web"]),
        ]
        case .retention: [
            ("email/weekly-digest", ["email"]), ("ios/notifications/reminders", ["ios"]),
            ("android/notifications/reminders", ["android"]), ("web/app/dashboard", ["web"]),
            ("web/app/templates", ["web"]), ("email/winback", ["email"]),
        ]
        case .referral: [
            ("web/app/invite-modal", ["web"]), ("ios/share-sheet", ["ios"]), ("email/referral-reminder", ["email"]),
            ("web/referral/landing", ["web"]), ("web/app/share-link", ["web", "ios", "android"]),
        ]
        case .revenue: [
            ("web/pricing-page", ["web"]), ("web/checkout", ["web"]), ("web/billing/upgrade", ["web"]),
            ("ios/paywall", ["ios"]), ("android/paywall", ["android"]), ("email/trial-ending", ["email"]),
        ]
        }
    }

    static let segments: [(id: String, phrase: String)] = [
        ("new-visitors", "first-time visitors"), ("returning-visitors", "visitors on their second or later visit"),
        ("trial-teams", "teams in their 14-day trial"), ("free-teams", "teams on the free plan"),
        ("paying-smb", "paying teams of fewer than 50 seats"), ("paying-mid-market", "paying accounts of 50 to 500 seats"),
        ("dormant-teams", "teams inactive for 21 days or more"), ("invited-members", "people who joined through an invite"),
        ("admins", "workspace admins"), ("mobile-first", "people who signed up on a phone"),
    ]

    static let evidence = [
        "session recordings show that", "in interviews, several admins told us that", "funnel data shows that",
        "support tickets show that", "a survey of trial teams found that", "heatmaps suggest that",
        "the last cohort analysis shows that", "sales calls keep revealing that", "our churn survey says that",
        "a competitor teardown shows that", "usability tests showed that", "search-term reports show that",
    ]

    static func findings(_ stage: Stage) -> [String] {
        switch stage {
        case .acquisition: [
            "most visitors leave before they see what the product does", "people hesitate at every extra form field",
            "visitors look for proof that teams like theirs use us", "prices hidden behind a click read as expensive",
            "store visitors decide on the first two screenshots", "search visitors want the exact feature they typed",
            "many visitors compare us with a spreadsheet, not a competitor",
        ]
        case .activation: [
            "new teams stall when the workspace starts empty", "people skip setup steps they do not understand",
            "teams that invite a colleague on day one stay far longer", "the import step is where most teams give up",
            "people want an example before they build their own", "the first task takes too long to find",
            "mobile signups rarely come back on the web",
        ]
        case .retention: [
            "teams drift away after one missed weekly routine", "people ignore reminders that arrive at the wrong time",
            "admins cannot see what their team gets out of the product", "cancelling teams never used templates",
            "digest emails are opened but rarely clicked", "teams return when a colleague mentions them",
            "a paused plan would have kept some cancelling teams",
        ]
        case .referral: [
            "people share work but rarely invite the people they share with", "invitees land on a page that explains nothing",
            "a reward matters less than making the inviter look good", "guests become users when they can act right away",
            "invites sent from mobile are seldom accepted", "people do not know who else in their company uses us",
        ]
        case .revenue: [
            "buyers abandon checkout when the total changes late", "trial teams do not know which plan fits them",
            "annual pricing is hidden until the last step", "limits hit without warning feel like a trap",
            "refunds come mostly from teams that bought the wrong plan", "admins need a quote before they can pay",
            "the paywall appears before people see the value",
        ]
        }
    }

    static let variantNames = [
        "treatment", "short-form", "social-proof", "personalised", "guided", "simplified", "localised",
        "progress-bar", "video", "reordered", "new-copy", "annual-first", "nudge", "checklist",
    ]

    /// The growth council: people outside the squads who sign experiments off.
    static let council = [
        ("Dana Rivera", "Head of Experimentation"), ("Samuel Osei", "Growth council"),
        ("Ingrid Berg", "Data science lead"), ("Kenji Sato", "VP Growth"),
    ]

    static let approvalNotes = [
        "Low risk; go.",
        "Approved. Watch the guardrails daily in week one.",
        "Go, but stop early if the primary metric drops more than 10% in week one.",
        "Fine to run next to the other tests on this surface: same exclusion group.",
        "Approved once the power calculation was redone for the smaller audience.",
        "Go. Legal checked the new copy; no claims we cannot back.",
    ]

    static let winLearnings = [
        "The change improved %METRIC% by %LIFT%, most among %SEGMENT%; it is shipped to everyone.",
        "A clear win on %METRIC% (%LIFT%) with no movement in the guardrails; other squads can reuse the pattern.",
        "People responded to the clearer promise: %METRIC% improved by %LIFT%. We now write every variant this way first.",
    ]

    static let lossLearnings = [
        "The change moved %METRIC% the wrong way (%LIFT%): every extra moment in front of the goal has to earn its place.",
        "It hurt %METRIC% (%LIFT%), most among %SEGMENT%; what looked like help read as friction.",
        "A loss of %LIFT% on %METRIC%. Interviews afterwards showed people did not trust the new wording.",
    ]

    static let flatLearnings = [
        "No measurable effect on %METRIC% at this sample size; the idea was not strong enough to matter.",
        "Flat on %METRIC% (%LIFT%). The behaviour we targeted was not the bottleneck we thought it was.",
        "Nothing moved. %SEGMENT% barely noticed the change, so we are looking elsewhere for this metric.",
    ]

    static let inconclusiveLearnings = [
        "Too noisy to call: %METRIC% moved %LIFT% but the test was underpowered for %SEGMENT%; we iterate with a larger sample.",
        "Inconclusive after a holiday week skewed traffic; the re-run keeps the design and doubles the duration.",
        "Early signal of %LIFT% on %METRIC% faded in week two; we will retest with a sharper variant.",
    ]
}
