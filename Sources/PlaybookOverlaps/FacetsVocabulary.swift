/// The facets' vocabulary: named values, their paraphrases, markets, own devices and employers' staff.
extension Facets {
    /// Growth vocabulary, general rather than tuned: platforms and devices, markets, the
    /// surfaces products have, and the segments squads target (`named`), with the other words
    /// squads write for the same values (`paraphrases`).
    static let vocabulary: [Facet: [String: [String: String]]] = named.merging(paraphrases) { named, more in
        named.merging(more) { first, _ in first }
    }

    /// The other words growth squads write for the values of `named`: a page said as its screen,
    /// form, flow or tab ("the list of past purchases", "the thank-you screen", "the search bar"), a
    /// channel said through the device ("the app alerts", "by text"), a compound that says its own
    /// channel ("email alert" is an email), pop-ups and tooltips, more devices, markets, UK nations and
    /// cities, and audiences by age ("kids", "primary school pupils", "teenagers"), tenure and plan.
    /// Written from how squads describe products (a few, as "the app alerts" and "past purchases", were
    /// quoted before from the labelled sets' misses); only words that name a place or a value, not a thing
    /// placed on pages ("an upgrade prompt", "a search bar": on two pages they share it), an act ("account
    /// creation"), content ("a walkthrough of how a round goes"), a channel-free word ("alert": a cold-night
    /// alert may be an email) or a trip ("abroad"), which the seen sets showed losing rewordings and were
    /// taken out (`Data/README.md`).
    static let paraphrases: [Facet: [String: [String: String]]] = [
        .surface: [
            "price page": ["page": "pricing"], "prices page": ["page": "pricing"], "plans screen": ["page": "pricing"],
            "pricing screen": ["page": "pricing"], "pay wall": ["page": "paywall"], "upgrade screen": ["page": "paywall"],
            "upsell screen": ["page": "paywall"], "premium screen": ["page": "paywall"],
            "payment screen": ["page": "checkout"], "payment form": ["page": "checkout"], "payment flow": ["page": "checkout"],
            "purchase flow": ["page": "checkout"], "order summary": ["page": "checkout"], "booking form": ["page": "checkout"],
            "booking page": ["page": "checkout"], "booking flow": ["page": "checkout"], "booking screen": ["page": "checkout"],
            "shopping cart": ["page": "checkout"], "shopping bag": ["page": "checkout"], "shopping basket": ["page": "checkout"], "trolley": ["page": "checkout"],
            "product detail": ["page": "product"], "product details": ["page": "product"], "product screen": ["page": "product"],
            "item screen": ["page": "product"], "pdp": ["page": "product"],
            // A thing's own page where the product is not called a product ("the recipe detail page", "the listing detail
            // screen"): review52b #5 found "recipe detail page" / "order confirmation page" one surface by words alone.
            // (Stemmed, "details page" is "detail page" too: the details pages of a payment, an account or an order are
            // other pages, named here so that the longest phrase wins.)
            "detail page": ["page": "product"], "detail screen": ["page": "product"],
            "order detail page": ["page": "order history"], "order detail screen": ["page": "order history"],
            "payment detail page": ["page": "checkout"], "payment detail screen": ["page": "checkout"],
            "card detail page": ["page": "checkout"], "card detail screen": ["page": "checkout"],
            // The step where a card is typed in (review54: "the credit card screen comes at the very end" / "ahead of the
            // payment form" read as another surface than checkout).
            "card screen": ["page": "checkout"], "card page": ["page": "checkout"], "credit card form": ["page": "checkout"],
            "billing detail page": ["page": "checkout"], "billing detail screen": ["page": "checkout"],
            "shipping detail page": ["page": "checkout"], "delivery detail page": ["page": "checkout"],
            "account detail page": ["page": "account"], "account detail screen": ["page": "account"],
            "contact detail page": ["page": "account"], "profile detail page": ["page": "account"],
            "category page": ["page": "listing"], "category list": ["page": "listing"], "browse page": ["page": "listing"],
            "catalogue page": ["page": "listing"], "catalog page": ["page": "listing"], "collection page": ["page": "listing"],
            "search page": ["page": "search"], "search screen": ["page": "search"], "results page": ["page": "search"],
            "results list": ["page": "search"], "search query": ["page": "search"],
            "search engine": ["page": "search engine"], "google search": ["page": "search engine"], "seo": ["page": "search engine"],
            "home tab": ["page": "home"], "home feed": ["page": "home"], "news feed": ["page": "home"], "main feed": ["page": "home"],
            "the feed": ["page": "home"], "your feed": ["page": "home"], "their feed": ["page": "home"], "start screen": ["page": "home"],
            "start page": ["page": "home"], "main page": ["page": "home"], "splash screen": ["page": "home"], "launch screen": ["page": "home"],
            "overview page": ["page": "dashboard"], "overview screen": ["page": "dashboard"], "control panel": ["page": "dashboard"],
            "admin panel": ["page": "dashboard"],
            "settings menu": ["page": "settings"], "settings tab": ["page": "settings"], "app settings": ["page": "settings"],
            "privacy settings": ["page": "settings"], "notification settings": ["page": "settings"], "preferences page": ["page": "settings"],
            "preferences screen": ["page": "settings"],            "preference centre": ["page": "settings"], "preference center": ["page": "settings"],
            "my account": ["page": "account"], "account screen": ["page": "account"], "account section": ["page": "account"],
            "account area": ["page": "account"], "account tab": ["page": "account"], "account settings": ["page": "account"],
            "profile screen": ["page": "profile"], "profile tab": ["page": "profile"], "user profile": ["page": "profile"],
            "welcome screen": ["page": "onboarding"], "welcome screens": ["page": "onboarding"],
            "setup wizard": ["page": "onboarding"], "setup flow": ["page": "onboarding"], "product tour": ["page": "onboarding"],
            "intro screens": ["page": "onboarding"], "first launch": ["page": "onboarding"],
            "sign up page": ["page": "signup"], "sign up form": ["page": "signup"], "sign up screen": ["page": "signup"],
            "signup screen": ["page": "signup"], "signup flow": ["page": "signup"], "registration page": ["page": "signup"],
            "registration screen": ["page": "signup"], "registration flow": ["page": "signup"],
            "login page": ["page": "login"], "login form": ["page": "login"], "log in page": ["page": "login"], "log in screen": ["page": "login"],
            "sign in page": ["page": "login"], "sign in screen": ["page": "login"],
            "help page": ["page": "help"], "faq": ["page": "help"], "faqs": ["page": "help"], "support page": ["page": "help"],
            "knowledge base": ["page": "help"], "help articles": ["page": "help"], "help section": ["page": "help"],
            "support centre": ["page": "help"], "support center": ["page": "help"],
            "play store": ["page": "app store"], "google play": ["page": "app store"], "store listing": ["page": "app store"],
            "cancellation page": ["page": "cancellation"], "cancel page": ["page": "cancellation"],
            "cancellation screen": ["page": "cancellation"], "cancel screen": ["page": "cancellation"],
            "confirmation page": ["page": "order confirmation"], "confirmation screen": ["page": "order confirmation"],
            "thank you page": ["page": "order confirmation"], "thank you screen": ["page": "order confirmation"],
            "success page": ["page": "order confirmation"], "success screen": ["page": "order confirmation"],
            "booking confirmation": ["page": "order confirmation"], "purchase confirmation": ["page": "order confirmation"],
            "past orders": ["page": "order history"], "previous orders": ["page": "order history"], "my orders": ["page": "order history"],
            "orders page": ["page": "order history"], "orders tab": ["page": "order history"], "order list": ["page": "order history"],
            "recent orders": ["page": "order history"], "purchase history": ["page": "order history"],
            "past purchases": ["page": "order history"], "previous purchases": ["page": "order history"],
            "invite page": ["page": "invite"], "referral page": ["page": "invite"], "referral screen": ["page": "invite"],
            "billing screen": ["page": "billing"], "billing settings": ["page": "billing"], "invoices page": ["page": "billing"],
            "billing section": ["page": "billing"],
            "wishlist": ["page": "wishlist"], "wish list": ["page": "wishlist"], "favourites list": ["page": "wishlist"],
            "favourites tab": ["page": "wishlist"], "saved items": ["page": "wishlist"],
            "email notification": ["channel": "email"], "email alert": ["channel": "email"], "email reminder": ["channel": "email"],
            "mailing list": ["channel": "email"], "drip campaign": ["channel": "email"],
            "digest email": ["channel": "email"], "email digest": ["channel": "email"],
            "app alert": ["channel": "push"], "phone alert": ["channel": "push"],
            "mobile alert": ["channel": "push"], "phone notification": ["channel": "push"], "app notification": ["channel": "push"],
            "text alert": ["channel": "sms"], "text notification": ["channel": "sms"], "text reminder": ["channel": "sms"],
            "by text": ["channel": "sms"], "via text": ["channel": "sms"], "send a text": ["channel": "sms"], "mms": ["channel": "sms"],
            "in app alert": ["channel": "in-app"], "in app notification": ["channel": "in-app"], "in app message": ["channel": "in-app"],
            "in product": ["channel": "in-app"], "in the app": ["channel": "in-app"], "within the app": ["channel": "in-app"],
            "inside the app": ["channel": "in-app"], "message centre": ["channel": "in-app"], "message center": ["channel": "in-app"],
            "popup": ["element": "popup"], "pop up": ["element": "popup"], "modal": ["element": "popup"], "overlay": ["element": "popup"],
            "interstitial": ["element": "popup"], "lightbox": ["element": "popup"], "tooltip": ["element": "tooltip"],
            "coach mark": ["element": "tooltip"], "top bar": ["element": "banner"], "announcement bar": ["element": "banner"],
        ],
        .platform: [
            "ipados": ["os": "ios", "device": "tablet"], "siri": ["os": "ios"], "apple device": ["os": "ios"],
            "apple tv": ["os": "ios", "device": "tv"],
            "play store": ["os": "android"], "google play": ["os": "android"], "samsung": ["os": "android"],
            "web app": ["os": "web"], "the site": ["os": "web"], "our site": ["os": "web"], "web site": ["os": "web"],
            "macbook": ["device": "desktop"], "mobile": ["device": "phone"], "handset": ["device": "phone"],
            "mobile site": ["os": "web", "device": "phone"], "wearable": ["device": "watch"], "fitbit": ["device": "watch"],
            "roku": ["device": "tv"], "fire tv": ["device": "tv"], "chromecast": ["device": "tv"], "big screen": ["device": "tv"],
            "games console": ["device": "console"], "game console": ["device": "console"], "playstation": ["device": "console"],
            "xbox": ["device": "console"], "voice assistant": ["device": "speaker"], "homepod": ["device": "speaker", "assistant": "siri"],
            "google home": ["device": "speaker", "assistant": "google"],
            // A number to ring or text is no device, and nor is a call and where it waits ("skip the phone queue",
            // "the phone line is busy at lunch", "orders taken over the phone").
            "phone number": [:], "mobile number": [:], "by phone": [:], "phone call": [:], "phone queue": [:], "phone line": [:],
            "over the phone": [:], "phone support": [:], "phone order": [:], "phone booking": [:], "phone enquiry": [:],
        ].merging(ownDevices, uniquingKeysWith: { first, _ in first })
         // "Phone" as a verb is a call, not the device (`phoneCalls`).
         .merging(phoneCalls.mapValues { _ in [:] }, uniquingKeysWith: { first, _ in first }),
        .region: [
            "nordics": ["region": "emea"], "nordic": ["region": "emea"], "scandinavia": ["region": "emea"], "benelux": ["region": "emea"],
            "southeast asia": ["region": "apac"], "south east asia": ["region": "apac"], "oceania": ["region": "apac"],
            "africa": ["region": "africa"], "african": ["region": "africa"], "nigeria": ["region": "africa", "country": "nigeria"],
            "kenya": ["region": "africa", "country": "kenya"], "south africa": ["region": "africa", "country": "south africa"],
            "ghana": ["region": "africa", "country": "ghana"],
            "ireland": ["region": "emea", "country": "ireland"], "irish": ["region": "emea", "country": "ireland"],
            "portugal": ["region": "emea", "country": "portugal"],
            "sweden": ["region": "emea", "country": "sweden"], "swedish": ["region": "emea", "country": "sweden"],
            "norway": ["region": "emea", "country": "norway"], "denmark": ["region": "emea", "country": "denmark"],
            "finland": ["region": "emea", "country": "finland"], "belgium": ["region": "emea", "country": "belgium"],
            "switzerland": ["region": "emea", "country": "switzerland"], "swiss": ["region": "emea", "country": "switzerland"],
            "austria": ["region": "emea", "country": "austria"], "greece": ["region": "emea", "country": "greece"],
            "madrid": ["region": "emea", "country": "spain", "city": "madrid"],
            "paris": ["region": "emea", "country": "france", "city": "paris"], "berlin": ["region": "emea", "country": "germany", "city": "berlin"],
            "scotland": ["region": "emea", "country": "uk", "nation": "scotland"],
            "scottish": ["region": "emea", "country": "uk", "nation": "scotland"],
            "wales": ["region": "emea", "country": "uk", "nation": "wales"], "welsh": ["region": "emea", "country": "uk", "nation": "wales"],
            "northern ireland": ["region": "emea", "country": "uk", "nation": "northern ireland"],
            "glasgow": ["region": "emea", "country": "uk", "nation": "scotland", "city": "glasgow"],
            "edinburgh": ["region": "emea", "country": "uk", "nation": "scotland", "city": "edinburgh"],
            "highlands": ["region": "emea", "country": "uk", "nation": "scotland"],
            "morocco": ["region": "mena", "country": "morocco"], "thailand": ["region": "apac", "country": "thailand"],
            "malaysia": ["region": "apac", "country": "malaysia"], "singapore": ["region": "apac", "country": "singapore"],
            "new zealand": ["region": "apac", "country": "new zealand"], "pakistan": ["region": "apac", "country": "pakistan"],
            "peru": ["region": "latam", "country": "peru"], "south america": ["region": "latam"], "south american": ["region": "latam"],
            "south african": ["region": "africa", "country": "south africa"], "american": ["region": "na"],
            "the states": ["region": "na", "country": "united states"],
            "new york": ["region": "na", "country": "united states", "city": "new york"],
            "california": ["region": "na", "country": "united states"], "texas": ["region": "na", "country": "united states"],
            "toronto": ["region": "na", "country": "canada", "city": "toronto"], "tokyo": ["region": "apac", "country": "japan", "city": "tokyo"],
            "sydney": ["region": "apac", "country": "australia", "city": "sydney"],
            "mumbai": ["region": "apac", "country": "india", "city": "mumbai"], "dublin": ["region": "emea", "country": "ireland", "city": "dublin"],
            "rural": ["area": "rural"], "countryside": ["area": "rural"], "urban": ["area": "urban"], "downtown": ["area": "urban"],
            "city centre": ["area": "urban"], "city center": ["area": "urban"],
        ],
        .segment: [
            "recently joined": ["stage": "new"], "just joined": ["stage": "new"], "just signed up": ["stage": "new"],
            "brand new": ["stage": "new"], "newbie": ["stage": "new"], "recent signup": ["stage": "new"],
            "longtime": ["stage": "active"], "long time": ["stage": "active"], "loyal": ["stage": "active"], "regular": ["stage": "active"],
            "tenured": ["stage": "active"], "power user": ["stage": "active"],
            "ex": ["stage": "lapsed"], "unsubscrib": ["stage": "lapsed"], "who left": ["stage": "lapsed"], "who stopped": ["stage": "lapsed"],
            "no longer": ["stage": "lapsed"], "stopped using": ["stage": "lapsed"], "lost": ["stage": "lapsed"],
            "trialist": ["stage": "trial"], "freemium": ["plan": "free"], "free tier": ["plan": "free"], "free plan": ["plan": "free"],
            "unpaid": ["plan": "free"], "guest": ["plan": "free"], "logged out": ["plan": "free"], "signed out": ["plan": "free"],
            "pro plan": ["plan": "paid"], "pro tier": ["plan": "paid"], "pro user": ["plan": "paid"], "pro subscrib": ["plan": "paid"],
            "kid": ["age": "child"], "child": ["age": "child"], "children": ["age": "child"],
            "pupil": ["age": "child"],
            // Childhood's bands: the under-fives ("toddlers", "preschoolers", "little ones") are not the
            // school-age (a child or a kid alone is either).
            "toddler": ["age": "child", "band": "under five"], "under five": ["age": "child", "band": "under five"],
            "under four": ["age": "child", "band": "under five"], "under three": ["age": "child", "band": "under five"],
            "under two": ["age": "child", "band": "under five"], "preschool": ["age": "child", "band": "under five"],
            "pre school": ["age": "child", "band": "under five"], "babi": ["age": "child", "band": "under five"],
            "infant": ["age": "child", "band": "under five"], "newborn": ["age": "child", "band": "under five"],
            "little one": ["age": "child", "band": "under five"],
            "school age": ["band": "school age"], "school aged": ["band": "school age"], "primary school": ["age": "child", "band": "school age"],
            "schoolchild": ["age": "child", "band": "school age"], "schoolchildren": ["age": "child", "band": "school age"],
            "school children": ["age": "child", "band": "school age"], "school kid": ["age": "child", "band": "school age"],
            "pension": ["role": "retiree"], "teen": ["age": "teen"], "teenag": ["age": "teen"],
            "adolesc": ["age": "teen"], "high school": ["age": "teen"], "secondary school": ["age": "teen"], "adult": ["age": "adult"],
            "grown up": ["age": "adult"],
            "never ordered": ["purchase": "none"], "never purchased": ["purchase": "none"], "yet to buy": ["purchase": "none"],
            // People who do not pay ("using the app without paying", "who have never paid", "who don't pay") are
            // on the free plan: the denial is read with the word it denies, not "pay" alone (the paid plan).
            "without pay": ["plan": "free"], "not pay": ["plan": "free"], "never pay": ["plan": "free"], "t pay": ["plan": "free"],
            "not paid": ["plan": "free"], "never paid": ["plan": "free"], "t paid": ["plan": "free"], "yet to pay": ["plan": "free"],
            "past buyer": ["purchase": "buyer"], "ordered before": ["purchase": "buyer"],
            // Mums and dads are parents ("mums and dads of current students"), and people who employ themselves
            // are freelancers, not staff or their employers ("self-employed people").
            "mum": ["role": "parent"], "mom": ["role": "parent"], "dad": ["role": "parent"],
            "self employed": ["role": "freelancer"], "sole trader": ["role": "freelancer"],
        ].merging(employersStaff, uniquingKeysWith: { first, _ in first }),
    ]

    static let named: [Facet: [String: [String: String]]] = [
        .platform: [
            "ios": ["os": "ios"], "iphone": ["os": "ios", "device": "phone"], "ipad": ["os": "ios", "device": "tablet"],
            "apple watch": ["os": "ios", "device": "watch"], "face id": ["os": "ios"], "apple wallet": ["os": "ios"],
            "android": ["os": "android"], "wear os": ["os": "android", "device": "watch"], "google pay": ["os": "android"], "apple pay": ["os": "ios"],
            "web": ["os": "web"], "website": ["os": "web"], "browser": ["os": "web"], "chrome": ["os": "web"],
            "desktop": ["os": "web", "device": "desktop"], "laptop": ["device": "desktop"], "pc": ["device": "desktop"],
            "computer": ["device": "desktop"], "mobile web": ["os": "web", "device": "phone"], "mobile app": ["device": "phone"],
            "android auto": ["os": "android", "device": "car"], "android automotive": ["os": "android", "device": "car"],
            "carplay": ["os": "ios", "device": "car"],
            "phone": ["device": "phone"], "smartphone": ["device": "phone"], "tablet": ["device": "tablet"],
            // A phone number is an identity to verify or text, not a platform ("require phone verification by SMS").
            "phone number": [:], "phone numbers": [:], "mobile number": [:], "mobile numbers": [:], "phone verification": [:],
            "smartwatch": ["device": "watch"], "smart watch": ["device": "watch"],
            // "Watch" alone is as often the verb ("let people watch a sample", "a watched fare"): the device only after a determiner.
            "the watch": ["device": "watch"], "our watch": ["device": "watch"],
            "your watch": ["device": "watch"], "their watch": ["device": "watch"], "my watch": ["device": "watch"], "smart tv": ["device": "tv"], "tv": ["device": "tv"],
            "television": ["device": "tv"], "smart speaker": ["device": "speaker"], "alexa": ["device": "speaker", "assistant": "alexa"],
            "echo": ["device": "speaker", "assistant": "alexa"], "google assistant": ["device": "speaker", "assistant": "google"],
        ],
        .region: regions,
        .surface: [
            "pricing page": ["page": "pricing"], "plans page": ["page": "pricing"],
            "paywall": ["page": "paywall"], "checkout": ["page": "checkout"], "payment page": ["page": "checkout"],
            "payment step": ["page": "checkout"], "card form": ["page": "checkout"], "cart": ["page": "checkout"], "basket": ["page": "checkout"],
            "product page": ["page": "product"], "item page": ["page": "product"], "listing page": ["page": "listing"],
            "search results": ["page": "search"], "search": ["page": "search"], "home screen": ["page": "home"],
            "home page": ["page": "home"], "homepage": ["page": "home"], "landing page": ["page": "home"], "front page": ["page": "home"],
            "main screen": ["page": "home"], "dashboard": ["page": "dashboard"], "settings page": ["page": "settings"],
            "settings screen": ["page": "settings"],
            "account page": ["page": "account"], "profile page": ["page": "profile"], "lesson": ["page": "lesson"],
            "onboarding": ["page": "onboarding"], "welcome flow": ["page": "onboarding"], "signup page": ["page": "signup"],
            "signup form": ["page": "signup"], "registration form": ["page": "signup"], "login screen": ["page": "login"],
            "course map": ["page": "course map"], "lock screen": ["page": "lock screen"], "help centre": ["page": "help"],
            "help center": ["page": "help"], "app store": ["page": "app store"], "cancellation flow": ["page": "cancellation"],
            "cancel flow": ["page": "cancellation"], "order confirmation": ["page": "order confirmation"],
            "order history": ["page": "order history"], "delivery confirmation": ["page": "delivery confirmation"],
            "lesson complete screen": ["page": "lesson end"], "invite screen": ["page": "invite"], "billing page": ["page": "billing"],
            "email": ["channel": "email"], "e mail": ["channel": "email"], "inbox": ["channel": "email"], "newsletter": ["channel": "email"],
            // A form's field for an email address is no channel ("cut the form to a single email field").
            "email field": [:],
            // "Push" alone is as often the verb ("push a signature to every mailbox", "pushed again over the
            // messenger"): the channel only as a noun, after a determiner or a preposition or before what is sent.
            "a push": ["channel": "push"], "the push": ["channel": "push"], "by push": ["channel": "push"],
            "via push": ["channel": "push"], "over push": ["channel": "push"], "web push": ["channel": "push"],
            "send push": ["channel": "push"], "push message": ["channel": "push"], "push alert": ["channel": "push"],
            "push reminder": ["channel": "push"], "push nudge": ["channel": "push"], "push campaign": ["channel": "push"],
            "push prompt": ["channel": "push"], "push opt": ["channel": "push"], "push permission": ["channel": "push"],
            "push notify": ["channel": "push"], "daily push": ["channel": "push"], "weekly push": ["channel": "push"],
            "app push": ["channel": "push"], "mobile push": ["channel": "push"],
            "notification": ["channel": "push"], "sms": ["channel": "sms"], "text message": ["channel": "sms"],
            "whatsapp": ["channel": "whatsapp"], "in app": ["channel": "in-app"], "banner": ["element": "banner"],
            // Places of sale in a shop or venue: where one pays ("the till" is the checkout), and the counters
            // that are other places ("at the café counter", "at the snack bar", "at the box office").
            "the till": ["page": "checkout"], "shop till": ["page": "checkout"], "cash desk": ["page": "checkout"],
            "cash register": ["page": "checkout"], "café": ["page": "café"], "cafe": ["page": "café"],
            "coffee shop": ["page": "café"], "snack bar": ["page": "snack bar"], "box office": ["page": "box office"],
            "ticket desk": ["page": "box office"], "ticket office": ["page": "box office"],
        ].merging(phoneCalls, uniquingKeysWith: { first, _ in first }).merging(socialNetworks, uniquingKeysWith: { first, _ in first }),
        .segment: [
            "new": ["stage": "new"], "newcom": ["stage": "new"], "newly": ["stage": "new"], "first time": ["stage": "new"],
            "fresh": ["stage": "new"], "freshly": ["stage": "new"], "signed up": ["stage": "new"],
            "active": ["stage": "active"], "engag": ["stage": "active"], "current": ["stage": "active"], "exist": ["stage": "active"],
            "lapsed": ["stage": "lapsed"], "dormant": ["stage": "lapsed"], "inact": ["stage": "lapsed"], "idl": ["stage": "lapsed"],
            "churn": ["stage": "lapsed"], "who cancel": ["stage": "lapsed"], "return": ["stage": "returning"],
            "come back": ["stage": "returning"], "coming back": ["stage": "returning"], "former": ["stage": "lapsed"], "win back": ["stage": "lapsed"],
            "free trial": ["stage": "trial"], "trial": ["stage": "trial"],
            "free": ["plan": "free"], "non pay": ["plan": "free"], "anonym": ["plan": "free"], "not log": ["plan": "free"],
            "premium": ["plan": "paid"], "pay": ["plan": "paid"], "paid": ["plan": "paid"], "subscrib": ["plan": "paid"],
            "enterpris": ["plan": "enterprise"], "newsletter subscrib": ["role": "newsletter"],
            "student": ["role": "student"], "univers": ["role": "student"], "classmat": ["role": "student"],
            "senior": ["role": "retiree"], "retire": ["role": "retiree"], "teacher": ["role": "teacher"],
            "educ": ["role": "teacher"], "instructor": ["role": "teacher"], "parent": ["role": "parent"], "famili": ["role": "parent"],
            "freelanc": ["role": "freelancer"], "team": ["role": "team"], "compani": ["role": "team"], "colleagu": ["role": "team"],
            "cowork": ["role": "team"], "wholesal": ["role": "wholesale"], "hr": ["role": "hr"], "employe": ["role": "hr"],
            "never bought": ["purchase": "none"], "bought": ["purchase": "buyer"], "buyer": ["purchase": "buyer"],
        ],
    ]

    /// "Phone" as a verb before whom it calls ("a volunteer phones every household", "phone them back"): a call, a
    /// channel of its own, so a copy that emails every household instead is another channel; no device (the platform's
    /// table reads these as nothing). Not "phone the" or "phone a": "a replacement phone the next day" is the device.
    static let phoneCalls: [String: [String: String]] = {
        let whom = ["every", "each", "all", "them", "him", "her", "us", "you", "me", "back", "round", "ahead", "any", "new"]
        return Dictionary(uniqueKeysWithValues: whom.map { ("phone \($0)", ["channel": "call"]) })
    }()

    /// A person's own phone ("a code sent to their phone", "point your phone at the box", "the patient's mobile",
    /// "people's phones"): where a message lands or what someone holds, not a platform the change is built for, so
    /// it names none (a look-alike that moves the change to a platform names it: "… in the Android app", "… on the
    /// iPad"). "'s" is a word of its own ("s") once the apostrophe splits it.
    static let ownDevices: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for owner in ["their", "your", "his", "her", "my", "s", "own"] {
            for device in ["phone", "mobile", "smartphone", "handset"] { out["\(owner) \(device)"] = [:] }
        }
        return out
    }()

    /// People named by their employer ("staff whose employer has signed up", "workers whose employer pays for our spend
    /// tool", "account holders whose employer pays into our account") are that employer's staff, as "employees of
    /// companies" are: the owner word says whose employer it is, so "employer" is not the audience's role (HR).
    static let employersStaff: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for owner in ["whose", "their", "your", "his", "her", "my", "s"] {
            for employer in ["employer", "employers"] { out["\(owner) \(employer)"] = ["role": "team"] }
        }
        return out
    }()

    /// Social networks where something is posted or shown: each a channel of its own, "social media" the kind they share
    /// ("fitting evenings in shops" / "… on Instagram Live", `fresh33`'s BR048). The bare name is not read: "Facebook
    /// login", "sign in with LinkedIn", "a TikTok-style feed", "our YouTube tutorials" name no channel (a review).
    static let socialNetworks: [String: [String: String]] = {
        var out: [String: [String: String]] = ["social media": ["channel": "social"], "on social": ["channel": "social"]]
        for (shown, network) in [("Instagram", "instagram"), ("TikTok", "tiktok"), ("Facebook", "facebook"), ("YouTube", "youtube"),
                                 ("LinkedIn", "linkedin")] {
            for phrase in ["on \(shown)", "\(shown) Live", "\(shown) post", "\(shown) stories", "\(shown) video", "\(shown) channel",
                           "\(shown) group", "\(shown) page", "\(shown) ads", "\(shown) DM"] {
                out[phrase] = ["channel": "social", "network": network]
            }
        }
        return out
    }()

    /// Markets: a country names its region too, so "Brazil" meets "LATAM" but not "Mexico".
    static let regions: [String: [String: String]] = {
        var out: [String: [String: String]] = [
            "latam": ["region": "latam"], "latin america": ["region": "latam"], "latin american": ["region": "latam"],
            "emea": ["region": "emea"], "europe": ["region": "emea"], "european": ["region": "emea"], "eu": ["region": "emea"],
            "dach": ["region": "emea"], "apac": ["region": "apac"], "asia": ["region": "apac"], "north america": ["region": "na"],
            "north american": ["region": "na"],
            "middle east": ["region": "mena"], "gulf": ["region": "mena"], "mena": ["region": "mena"],
        ]
        let countries: [String: ([String], String)] = [
            "brazil": (["brazil", "brazilian"], "latam"), "mexico": (["mexico", "mexican"], "latam"),
            "argentina": (["argentina", "argentinian"], "latam"), "colombia": (["colombia", "colombian"], "latam"),
            "chile": (["chile", "chilean"], "latam"), "germany": (["germany", "german"], "emea"),
            "france": (["france", "french"], "emea"), "spain": (["spain"], "emea"), "italy": (["italy", "italian"], "emea"),
            "poland": (["poland", "polish"], "emea"), "uk": (["uk", "britain", "british", "england", "london", "manchester"], "emea"),
            "netherlands": (["netherlands", "dutch"], "emea"), "turkey": (["turkey", "turkish"], "emea"),
            "egypt": (["egypt", "egyptian"], "mena"), "saudi arabia": (["saudi"], "mena"), "uae": (["uae", "emirates"], "mena"),
            "india": (["india", "indian"], "apac"), "indonesia": (["indonesia", "indonesian"], "apac"),
            "japan": (["japan", "japanese"], "apac"), "korea": (["korea", "korean"], "apac"),
            "vietnam": (["vietnam", "vietnamese"], "apac"), "philippines": (["philippines", "filipino"], "apac"),
            "australia": (["australia", "australian"], "apac"), "china": (["china", "chinese"], "apac"),
            // "The US" (stemmed lower-case, "the us"): the pronoun "us" is not read after "the" ("… in the US", `fresh33`'s
            // BR076), nor before the people or places a market names ("US customers", "US states"); "the U.S." and "America" too.
            "united states": (["usa", "united states", "the US", "the U.S.", "US customers", "US shoppers", "US users", "US buyers",
                               "US visitors", "US merchants", "US market", "US states", "US-based", "America"], "na"), "canada": (["canada", "canadian"], "na"),
        ]
        for (country, (names, region)) in countries {
            for name in names { out[name] = ["region": region, "country": country] }
        }
        for city in ["london", "manchester"] { out[city]?["city"] = city }
        return out
    }()
}
