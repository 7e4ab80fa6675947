/// Hypothesis pairs written the way growth squads write them, labelled by hand: is the second
/// the same idea as the first? Each side is "title | change | audience | outcome".
struct LabelledPair {
    enum Category: String, CaseIterable {
        /// The same idea in other words: a duplicate.
        case reworded
        /// Many of the same words, but another idea.
        case sameWords = "same words, other idea"
        /// The same change with other numbers (another dose is another test).
        case numbers = "other numbers"
        /// The same change for another audience.
        case audience = "other audience"
        /// The same change on another surface or channel.
        case surface = "other surface"
        /// Unrelated ideas of the same funnel stage.
        case unrelated
    }

    var a: String
    var b: String
    var category: Category
    var duplicate: Bool { category == .reworded }

    init(_ category: Category, _ a: String, _ b: String) {
        self.category = category
        self.a = a
        self.b = b
    }

    static let all: [LabelledPair] = [
        // Same idea, reworded.
        .init(.reworded, "Streak reminders bring learners back | send a push reminder in the evening when a streak is at risk | learners with an active streak | more of them come back the next day",
              "Evening nudge to save the streak | notify users at night if they have not practised and their streak will break | users who have a running streak | higher day-1 retention"),
        .init(.reworded, "Shorter onboarding lifts activation | cut the onboarding flow from seven screens to three | new signups | more of them finish the first lesson",
              "Fewer onboarding steps | reduce the number of onboarding screens from 7 to 3 | newly registered users | a higher share completes lesson one"),
        .init(.reworded, "Annual plan as the default choice | preselect the annual plan on the pricing page | visitors of the pricing page | more annual subscriptions",
              "Default to yearly billing | make the yearly plan the pre-selected option on pricing | people viewing pricing | annual plan share goes up"),
        .init(.reworded, "Social proof on the paywall | show learner testimonials and star ratings on the paywall | free users who hit the paywall | trial starts increase",
              "Testimonials at the paywall | display reviews and ratings from other learners on the paywall screen | non-paying users reaching the paywall | more people start a free trial"),
        .init(.reworded, "Referral reward for both sides | give the inviter and the invited friend a free week of premium | active learners | more referral invites are sent",
              "Two-sided referral bonus | reward both the referrer and their friend with one week of premium for free | engaged users | referral invites go up"),
        .init(.reworded, "Win-back email for lapsed subscribers | email lapsed subscribers a personalised summary of their progress | subscribers who cancelled in the last 90 days | more of them resubscribe",
              "Progress recap to bring back churned users | send churned subscribers an e-mail recapping what they learnt | users who cancelled within three months | reactivation rate rises"),
        .init(.reworded, "Google sign-in on the signup form | add sign up with Google to the registration form | web visitors | signup conversion increases",
              "One-click Google registration | offer Google as a signup option on the sign-up page | visitors on the web | more visitors register"),
        .init(.reworded, "Placement quiz for experienced learners | let new users take a placement test to skip beginner lessons | new users who already know some of the language | fewer of them churn in week one",
              "Skip ahead with a level test | offer a placement quiz at onboarding so advanced beginners can skip easy units | newcomers with prior knowledge | lower week-1 churn"),
        .init(.reworded, "Checkout with fewer fields | remove the address fields from the checkout form | buyers on web | checkout completion goes up",
              "Simplify the checkout form | drop the billing address fields at checkout | web customers | more purchases are completed"),
        .init(.reworded, "Progress bar in lessons | show a progress bar at the top of each lesson | learners | lesson completion improves",
              "Lesson progress indicator | display a bar showing how far into the lesson the learner is | users | more lessons are completed"),
        .init(.reworded, "Family plan upsell | offer a family plan to subscribers who share an account | premium subscribers | more family plans are sold",
              "Upsell families to the family plan | suggest the family subscription to premium users whose account is shared | paying members | family plan purchases increase"),
        .init(.reworded, "Cancellation flow with a pause option | offer to pause the subscription instead of cancelling | subscribers who start to cancel | churn decreases",
              "Pause instead of cancel | add a pause subscription choice in the cancel flow | users cancelling their subscription | fewer cancellations"),
        .init(.reworded, "Weekly recap email | send a weekly email summarising words learnt and time spent | active learners | weekly active learners increase",
              "Sunday progress digest | e-mail learners every week with the words they learnt and minutes practised | engaged users | more weekly active users"),
        .init(.reworded, "Leaderboards drive practice | introduce weekly leaderboards that rank learners by points | active learners | more sessions per week",
              "Competitive weekly leagues | add a weekly league table ranking users on their XP | engaged learners | session frequency goes up"),
        .init(.reworded, "Trial reminder before billing | remind trial users two days before their trial ends | users on a free trial | fewer refund requests",
              "Warn before the trial converts | send a notification 2 days before the free trial ends | trial users | refund requests drop"),
        .init(.reworded, "Offline downloads for commuters | let learners download lessons to use offline | mobile learners | session length increases",
              "Offline lesson packs | allow users to save lessons for offline use | app users | longer sessions"),
        .init(.reworded, "Localised pricing in Brazil | show prices in Brazilian reais with local payment methods | users in Brazil | paid conversion increases",
              "Local currency and payments for Brazil | display pricing in BRL and offer local payment options | Brazilian users | more of them pay"),
        .init(.reworded, "Goal setting at onboarding | ask new users to pick a daily goal during onboarding | new users | day-7 retention improves",
              "Daily goal picker in onboarding | let newcomers choose a daily learning target when they sign up | new learners | better week-one retention"),
        .init(.reworded, "Streak freeze | give learners a free streak freeze each week | learners with a streak | fewer streaks are lost",
              "Weekly free streak protection | offer one streak freeze per week at no cost | users with active streaks | streak loss goes down"),
        .init(.reworded, "Exit survey on cancel | ask cancelling subscribers why they leave with a one-question survey | subscribers cancelling | we learn the main churn reasons",
              "One-question churn survey | show a short survey asking the reason when a subscriber cancels | cancelling users | churn reasons are understood"),
        .init(.reworded, "Audio-only lessons for commuters | add audio lessons that work without looking at the screen | commuters | more daily practice",
              "Hands-free audio mode | introduce lessons you can do by listening only | learners on the go | daily practice goes up"),
        .init(.reworded, "Certificate on course completion | award a shareable certificate when a course is finished | learners near the end of a course | course completion rises",
              "Completion certificates | give learners a certificate they can share after they complete a course | users close to finishing | more courses completed"),
        .init(.reworded, "Student discount | offer a discount to verified students | university students | more student subscriptions",
              "Discounted plan for students | give students with a verified email a reduced price | students | student sign-ups to premium increase"),
        .init(.reworded, "Friend challenges | let learners challenge a friend to a weekly duel | social learners | more invites and sessions",
              "Weekly duels with friends | add head-to-head challenges against friends every week | learners who follow friends | invites and sessions go up"),
        .init(.reworded, "Faster app start | cut app launch time in half | Android users | day-1 retention increases",
              "Speed up cold start | make the app open twice as fast | users on Android | more of them return the next day"),
        .init(.reworded, "Price anchoring with the lifetime plan | show the lifetime plan first so monthly looks cheaper | pricing page visitors | more monthly purchases",
              "Anchor prices with a lifetime option | display the lifetime offer at the top of pricing to anchor the monthly price | visitors on pricing | monthly plan conversion increases"),
        .init(.reworded, "Exam countdown on home | show a countdown to the learner's exam date on the home screen | exam-prep learners | more daily sessions before the exam",
              "Days-until-exam widget | display how many days are left until the exam on the home page | learners preparing for an exam | daily practice increases"),
        .init(.reworded, "Push permission at the right time | ask for notification permission after the first lesson instead of at launch | new iOS users | push opt-in rate increases",
              "Delay the notification prompt | request push permission once the first lesson is done, not on first open | new users on iOS | more users allow notifications"),
        .init(.reworded, "Gift subscriptions for the holidays | sell premium as a gift in December | existing subscribers | holiday revenue increases",
              "Holiday gifting of premium | let users buy a premium subscription as a present during the holidays | paying users | more revenue in December"),
        .init(.reworded, "Teacher dashboard for schools | give teachers a dashboard of their class's progress | teachers | more schools adopt the product",
              "Class progress view for teachers | build a dashboard where teachers see how their students progress | school teachers | school adoption increases"),

        // Same words, another idea.
        .init(.sameWords, "Streak reminders bring learners back | send a push reminder in the evening when a streak is at risk | learners with an active streak | more of them come back the next day",
              "Streak milestones | celebrate streak milestones with an animation at 7, 30 and 100 days | learners with an active streak | more of them reach a 30-day streak"),
        .init(.sameWords, "Annual plan as the default choice | preselect the annual plan on the pricing page | visitors of the pricing page | more annual subscriptions",
              "Annual plan price test | raise the annual plan price on the pricing page | visitors of the pricing page | revenue per visitor increases"),
        .init(.sameWords, "Social proof on the paywall | show learner testimonials and star ratings on the paywall | free users who hit the paywall | trial starts increase",
              "Paywall after the third lesson | move the paywall from the first to the third lesson | free users | trial starts increase"),
        .init(.sameWords, "Referral reward for both sides | give the inviter and the invited friend a free week of premium | active learners | more referral invites are sent",
              "Referral link on the share sheet | put the referral link in the native share sheet | active learners | more referral invites are sent"),
        .init(.sameWords, "Checkout with fewer fields | remove the address fields from the checkout form | buyers on web | checkout completion goes up",
              "Checkout trust badges | add security badges next to the payment fields at checkout | buyers on web | checkout completion goes up"),
        .init(.sameWords, "Weekly recap email | send a weekly email summarising words learnt and time spent | active learners | weekly active learners increase",
              "Weekly email unsubscribe link | make the unsubscribe link easier to find in the weekly email | active learners | fewer spam complaints"),
        .init(.sameWords, "Progress bar in lessons | show a progress bar at the top of each lesson | learners | lesson completion improves",
              "Skippable lesson intros | let learners skip the intro video at the top of each lesson | learners | lesson completion improves"),
        .init(.sameWords, "Win-back email for lapsed subscribers | email lapsed subscribers a personalised summary of their progress | subscribers who cancelled in the last 90 days | more of them resubscribe",
              "Win-back discount for lapsed subscribers | offer lapsed subscribers 40% off if they resubscribe | subscribers who cancelled in the last 90 days | more of them resubscribe"),
        .init(.sameWords, "Google sign-in on the signup form | add sign up with Google to the registration form | web visitors | signup conversion increases",
              "Shorter signup form | remove the name field from the registration form | web visitors | signup conversion increases"),
        .init(.sameWords, "Leaderboards drive practice | introduce weekly leaderboards that rank learners by points | active learners | more sessions per week",
              "Points for practice | award double points for practice sessions on weekends | active learners | more sessions per week"),
        .init(.sameWords, "Trial reminder before billing | remind trial users two days before their trial ends | users on a free trial | fewer refund requests",
              "Longer free trial | extend the free trial so users have more time before billing | users on a free trial | more trials convert"),
        .init(.sameWords, "Family plan upsell | offer a family plan to subscribers who share an account | premium subscribers | more family plans are sold",
              "Family plan price | lower the price of the family plan for premium subscribers | premium subscribers | more family plans are sold"),
        .init(.sameWords, "Goal setting at onboarding | ask new users to pick a daily goal during onboarding | new users | day-7 retention improves",
              "Onboarding language picker | ask new users which language they want to learn first during onboarding | new users | day-7 retention improves"),
        .init(.sameWords, "Cancellation flow with a pause option | offer to pause the subscription instead of cancelling | subscribers who start to cancel | churn decreases",
              "Cancellation flow retention offer | offer a discount when a subscriber starts to cancel | subscribers who start to cancel | churn decreases"),
        .init(.sameWords, "Offline downloads for commuters | let learners download lessons to use offline | mobile learners | session length increases",
              "Longer lessons for commuters | make lessons ten minutes long for mobile learners | mobile learners | session length increases"),
        .init(.sameWords, "Friend challenges | let learners challenge a friend to a weekly duel | social learners | more invites and sessions",
              "Friend activity feed | show what friends learnt this week on the home screen | social learners | more sessions"),
        .init(.sameWords, "Certificate on course completion | award a shareable certificate when a course is finished | learners near the end of a course | course completion rises",
              "Course completion email | email learners near the end of a course with the units they have left | learners near the end of a course | course completion rises"),
        .init(.sameWords, "Push permission at the right time | ask for notification permission after the first lesson instead of at launch | new iOS users | push opt-in rate increases",
              "Push notification copy | rewrite the text of the first push notification after the first lesson | new iOS users | push open rate increases"),

        // The same change with other numbers.
        .init(.numbers, "Win-back discount | offer lapsed subscribers 20% off the annual plan | lapsed subscribers | more of them resubscribe",
              "Win-back discount | offer lapsed subscribers 50% off the annual plan | lapsed subscribers | more of them resubscribe"),
        .init(.numbers, "Longer free trial | extend the free trial from 7 to 14 days | new users | more trials convert to paid",
              "Longer free trial | extend the free trial from 7 to 30 days | new users | more trials convert to paid"),
        .init(.numbers, "Shorter first lesson | cut the first lesson to 5 minutes | new learners | more of them come back the next day",
              "Shorter first lesson | cut the first lesson to 2 minutes | new learners | more of them come back the next day"),
        .init(.numbers, "Reminder timing | send the daily reminder at 7pm local time | learners with reminders on | more daily sessions",
              "Reminder timing | send the daily reminder at 8am local time | learners with reminders on | more daily sessions"),
        .init(.numbers, "Monthly price test | raise the monthly price from $9.99 to $12.99 | new subscribers | revenue per user increases",
              "Monthly price test | lower the monthly price from $12.99 to $7.99 | new subscribers | revenue per user increases"),
        .init(.numbers, "Referral reward size | give referrers 1 free week of premium per friend | active learners | more invites",
              "Referral reward size | give referrers 3 free months of premium per friend | active learners | more invites"),
        .init(.numbers, "Onboarding length | reduce onboarding to 3 screens | new signups | higher activation",
              "Onboarding length | reduce onboarding to 5 screens | new signups | higher activation"),
        .init(.numbers, "Streak freeze allowance | give learners 1 streak freeze per week | learners with a streak | fewer lost streaks",
              "Streak freeze allowance | give learners 3 streak freezes per month | learners with a streak | fewer lost streaks"),

        // The same change for another audience.
        .init(.audience, "Student discount | offer a discount on the annual plan | university students in Germany | more student subscriptions",
              "Senior discount | offer a discount on the annual plan | retirees over 65 in Japan | more senior subscriptions"),
        .init(.audience, "Win-back email | send a personalised progress summary by email | subscribers who cancelled in the last 90 days | more of them resubscribe",
              "Welcome email | send a personalised progress summary by email | users who signed up today | more of them finish lesson two"),
        .init(.audience, "Localised pricing | show prices in local currency with local payment methods | users in Brazil | paid conversion increases",
              "Localised pricing | show prices in local currency with local payment methods | users in Japan and Korea | paid conversion increases"),
        .init(.audience, "Teacher dashboard | give teachers a dashboard of their class's progress | teachers at schools | more schools adopt the product",
              "Manager dashboard | give team managers a dashboard of their team's progress | managers of business accounts | more companies renew"),
        .init(.audience, "Placement quiz | let users take a placement test to skip beginner lessons | new users with prior knowledge | fewer of them churn in week one",
              "Placement quiz | let users take a placement test to skip beginner lessons | returning users after a long break | more of them resume"),

        // The same change on another surface or channel.
        .init(.surface, "Testimonials on the paywall | show learner testimonials on the paywall | free users | more trial starts",
              "Testimonials in the app store listing | show learner testimonials in the app store screenshots | store visitors | more installs"),
        .init(.surface, "Reminder by push | remind learners of their streak with a push notification | learners with a streak | more daily sessions",
              "Reminder by SMS | remind learners of their streak with a text message | learners with a streak | more daily sessions"),
        .init(.surface, "Referral prompt after a lesson | ask learners to invite a friend on the lesson complete screen | active learners | more invites",
              "Referral prompt in settings | add an invite a friend entry to the settings menu | active learners | more invites"),
        .init(.surface, "Annual plan banner on home | show an annual plan banner on the home screen | free users | more annual purchases",
              "Annual plan banner in the weekly email | add an annual plan banner to the weekly recap email | free users | more annual purchases"),

        // Unrelated ideas.
        .init(.unrelated, "Dark mode | add a dark theme to the app | night-time learners | longer sessions",
              "Family plan upsell | offer a family plan to subscribers who share an account | premium subscribers | more family plans are sold"),
        .init(.unrelated, "SEO phrase pages | publish a page per common phrase with audio | search visitors | more organic signups",
              "Exit survey on cancel | ask cancelling subscribers why they leave | subscribers cancelling | we learn the main churn reasons"),
        .init(.unrelated, "Mascot on the home screen | animate the mascot to greet returning learners | returning learners | more daily sessions",
              "Invoice download | let business customers download invoices | business admins | fewer support tickets"),
        .init(.unrelated, "University partnerships | partner with universities to offer credit for courses | students in Mexico | more student signups",
              "Faster app start | cut app launch time in half | Android users | day-1 retention increases"),
    ]

    /// "title | change | audience | outcome" → its parts.
    static func parts(_ side: String) -> (title: String, change: String, audience: String, outcome: String) {
        let p = side.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        return (p[0], p.count > 1 ? p[1] : "", p.count > 2 ? p[2] : "", p.count > 3 ? p[3] : "")
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
