import XCTest
import PlaybookOverlaps
import PlaybookEmbedding
import PlaybookSimilarity

/// Places the vocabulary names that a blind set (`fresh33`) found missing: "the US" (its "us" is not the pronoun after
/// "the") and the social networks as channels.
final class NamedPlacesTests: XCTestCase {
    private func pair(_ first: (title: String, change: String, audience: String), _ second: (title: String, change: String, audience: String),
                      encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let a = hypothesis("HYP-0001", squad: "a", title: first.title, change: first.change, audience: first.audience,
                           outcome: "more orders")
        let b = hypothesis("HYP-0002", squad: "b", title: second.title, change: second.change, audience: second.audience,
                           outcome: "more orders")
        return OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder)
    }

    func testTheSameChangeInTheUSIsAnotherRegion() {
        let found = pair(("Christmas gift receipts with free size exchanges", "put a gift receipt in every pyjama order placed before 24 December",
                          "people buying pyjamas as Christmas presents"),
                         ("Christmas gift receipts with free size exchanges in the US",
                          "put a gift receipt in every pyjama order placed before 24 December", "people in the US buying pyjamas as Christmas presents"))
        XCTAssertEqual(found.map(\.kind), [.related], found.first?.reason ?? "")
        XCTAssertTrue(found.first?.reason.contains("differ in region (– / the US)") ?? false, found.first?.reason ?? "")
        // The US said another way is the same region; "us" the pronoun names nothing.
        let market = pair(("Gift receipts for US customers", "put a gift receipt in every pyjama order placed before 24 December",
                           "US customers buying pyjamas as presents"),
                          ("Gift receipts in the US", "put a gift receipt in every pyjama order placed before 24 December",
                           "customers in the US buying pyjamas as presents"))
        XCTAssertEqual(market.map(\.kind), [.duplicate], market.first?.reason ?? "")
        let us = pair(("Tell us your size", "ask for a shoe size at signup", "new shoppers"),
                      ("Tell us your size at signup", "ask new shoppers for a shoe size at signup", "new shoppers"))
        XCTAssertEqual(us.map(\.kind), [.duplicate], us.first?.reason ?? "")
    }

    func testASocialNetworkIsAChannelAndTwoNetworksAreTwo() throws {
        // A near copy moved to a channel the other does not name is told apart by meaning (words alone compare only what
        // both name).
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        let shops = ("Wide-calf boot fitting evenings in shops", "hold a monthly wide-calf boot fitting evening with a fitter",
                     "women who struggle to find boots that zip up")
        let live = pair(shops, ("Wide-calf boot fitting evenings on Instagram Live",
                                "hold a monthly wide-calf boot fitting evening with a fitter on Instagram Live",
                                "women who struggle to find boots that zip up"), encoder: model)
        XCTAssertEqual(live.map(\.kind), [.related], live.first?.reason ?? "")
        XCTAssertTrue(live.first?.reason.contains("surface") ?? false, live.first?.reason ?? "")
        let networks = pair(("Fitting evenings on Instagram Live", "hold a monthly boot fitting evening on Instagram Live", "women with wide calves"),
                            ("Fitting evenings on TikTok Live", "hold a monthly boot fitting evening on TikTok Live", "women with wide calves"))
        XCTAssertEqual(networks.map(\.kind), [.related], networks.first?.reason ?? "")
        XCTAssertTrue(networks.first?.reason.contains("instagram / tiktok") ?? false, networks.first?.reason ?? "")
        // A network named as a way to sign in or as a style is no channel.
        let login = pair(("Facebook login at checkout", "let shoppers sign in with Facebook login at checkout", "returning shoppers"),
                         ("Social login at checkout", "let shoppers sign in with a social login at checkout", "returning shoppers"))
        XCTAssertEqual(login.map(\.kind), [.duplicate], login.first?.reason ?? "")
    }
}
