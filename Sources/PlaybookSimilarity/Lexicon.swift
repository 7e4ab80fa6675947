/// The English word lists the analysis leans on: words that carry no idea, words that say the
/// same thing, and numbers written out. Lower-case, before stemming unless said otherwise.
enum Lexicon {
    /// Function words plus the boilerplate of the hypothesis template ("we believe that … will …").
    static let stopwords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "either", "etc", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "let", "lets", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should",
        "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would", "you",
        "your", "yours", "s", "t", "believe", "expect", "think", "hypothesis", "hypothesise", "hypothesize",
        "lead", "leads", "result", "results", "cause", "causes", "get", "gets", "make", "makes", "thus", "therefore",
        "since", "due", "one's",
    ]

    /// Words that negate what follows; kept as a token so "with" and "without" differ.
    static let negations: Set<String> = ["no", "not", "without", "never", "nor"]

    /// Groups of words (after stemming) that mean the same in growth writing; each maps to its
    /// group's first member. Checked on a labelled set: every group here raised recall there
    /// without a false match.
    /// What the analyzer makes of one lower-case word (`Analyzer` scores it, `TermReader` spells from it).
    enum WordReading {
        case skipped
        case negation
        case number(String)
        case term(String)
    }

    /// `word` read as a term: a number word as its digits, a negation, a stop word or one-letter word
    /// skipped, else its irregular form stemmed with `stem` and folded into its synonym group's first word.
    static func reading(_ word: String, stem: (String) -> String) -> WordReading {
        if let digits = numberWords[word] { return .number(digits) }
        if negations.contains(word) { return .negation }
        if stopwords.contains(word) || word.unicodeScalars.count < 2 { return .skipped }
        let stemmed = stem(irregular[word] ?? word)
        return .term(synonymOf[stemmed] ?? stemmed)
    }

    /// Each stem of `synonymGroups` to its group's first member.
    static let synonymOf: [String: String] = {
        var out: [String: String] = [:]
        for group in synonymGroups {
            for member in group where out[member] == nil { out[member] = group[0] }
        }
        return out
    }()

    static let synonymGroups: [[String]] = [
        ["signup", "regist", "enrol"],
        ["purchas", "buy", "checkout", "pay"],
        ["price", "cost"],
        ["discount", "coupon", "promo", "voucher", "reduct", "markdown"],
        ["boost", "increas", "rais", "lift", "improv", "grow", "higher", "more", "uplift", "doubl"],
        ["reduc", "decreas", "lower", "cut", "drop", "fewer", "less", "shrink", "declin"],
        ["remind", "nudg", "notif", "notifi", "alert", "push", "warn", "ping"],
        ["ask", "prompt", "request"],
        ["summari", "recap", "digest", "overview"],
        ["leaderboard", "leagu", "rank", "ladder"],
        ["challeng", "duel", "competit", "compet", "contest"],
        ["skip", "bypass", "jump"],
        ["teacher", "instructor", "tutor", "educ"],
        ["holiday", "christma", "festiv"],
        ["select", "choos", "pick"],
        ["goal", "target", "aim"],
        ["email", "e-mail", "mail", "newslett"],
        ["user", "learner", "custom", "member", "visitor", "peopl", "subscrib", "player", "student"],
        ["new", "first-tim", "fresh", "newcom"],
        ["churn", "cancel", "lapse", "laps", "leav", "quit", "abandon"],
        ["retent", "retain", "return", "come-back", "stick"],
        ["convers", "convert"],
        ["trial", "tryout"],
        ["plan", "tier", "packag", "subscript", "membership"],
        ["show", "display", "present", "surfac", "highlight", "expos"],
        ["simplifi", "streamlin", "shorten", "easi", "simpler"],
        ["page", "screen", "view"],
        ["button", "cta", "call-to-act"],
        ["mobil", "phone", "app"],
        ["annual", "yearli", "year"],
        ["month", "monthli"],
        ["week", "weekli"],
        ["daili", "day"],
        ["refer", "invit"],
        ["friend", "contact", "peer"],
        ["reward", "incent", "bonus", "credit", "perk"],
        ["free", "complimentari", "gratis"],
        ["person", "tailor", "individu"],
        ["recommend", "suggest"],
        ["test", "experi", "tri"],
        ["revenu", "incom", "earn", "monet"],
        ["fast", "quick", "speed", "rapid", "faster", "quicker"],
        ["social", "communiti"],
        ["proof", "testimoni"],
        ["badg", "trophi", "achiev"],
        ["streak", "chain"],
        ["lesson", "cours", "class"],
        ["default", "preselect", "pre-select"],
        ["add", "introduc", "launch", "roll", "implement", "creat"],
        ["remov", "drop", "elimin", "hide", "delet"],
        ["step", "stage"],
        ["form", "field"],
        ["offer", "provid", "give", "grant"],
        ["start", "begin", "kick"],
        ["sale", "deal"],
        ["larg", "big", "bigger", "larger"],
        ["small", "smaller", "tini", "littl"],
    ]

    /// Numbers written as words, to compare with digits.
    static let numberWords: [String: String] = [
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
        "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20",
        "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "half": "50%", "double": "2x", "twice": "2x",
        "once": "1x",
    ]

    /// Irregular forms the Snowball stemmer leaves apart, mapped to the form it stems alike.
    static let irregular: [String: String] = [
        "men": "man", "women": "woman", "children": "child", "people": "person", "mice": "mouse", "feet": "foot",
        "teeth": "tooth", "geese": "goose", "wives": "wife", "knives": "knife", "lives": "life", "leaves": "leaf",
        "ran": "run", "went": "go", "gone": "go", "ate": "eat", "eaten": "eat", "sat": "sit", "saw": "see", "seen": "see",
        "took": "take", "taken": "take", "gave": "give", "given": "give", "made": "make", "came": "come", "bought": "buy",
        "brought": "bring", "thought": "think", "told": "tell", "said": "say", "found": "find", "left": "leave",
        "kept": "keep", "held": "hold", "stood": "stand", "wrote": "write", "written": "write", "spoke": "speak",
        "spoken": "speak", "drove": "drive", "driven": "drive", "rode": "ride", "flew": "fly", "swam": "swim",
        "sang": "sing", "sung": "sing", "began": "begin", "begun": "begin", "fell": "fall", "fallen": "fall",
        "caught": "catch", "taught": "teach", "sold": "sell", "sent": "send", "spent": "spend", "built": "build",
        "won": "win", "lost": "lose", "paid": "pay", "met": "meet", "led": "lead", "grew": "grow", "grown": "grow",
        "threw": "throw", "thrown": "throw", "chose": "choose", "chosen": "choose", "broke": "break", "broken": "break",
        "cut": "cut", "put": "put", "hit": "hit", "shot": "shoot", "slept": "sleep", "dug": "dig", "hung": "hang",
        "lay": "lie", "lain": "lie", "woke": "wake", "wore": "wear", "worn": "wear", "tore": "tear", "torn": "tear",
        "drew": "draw", "drawn": "draw", "drank": "drink", "drunk": "drink", "fed": "feed", "felt": "feel",
        "fought": "fight", "hid": "hide", "hidden": "hide", "knew": "know", "known": "know", "rose": "rise",
        "risen": "rise", "shook": "shake", "shaken": "shake", "slid": "slide", "struck": "strike", "swept": "sweep",
        "understood": "understand",
    ]

    /// Two-word phrases written as one idea, joined before stemming.
    static let phrases: [String: String] = [
        "sign up": "signup", "sign in": "login", "log in": "login", "e mail": "email", "check out": "checkout",
        "opt in": "optin", "opt out": "optout", "call to": "call-to", "set up": "setup", "pop up": "popup",
        "push notification": "push", "push notifications": "push", "free trial": "trial", "social proof": "proof",
        "roll out": "launch", "first time": "first-tim", "come back": "come-back",
    ]
}
