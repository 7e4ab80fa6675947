/// A quarter's experiment budgets added up one way for every command (the squad-budget rule,
/// the site's squad pages): smallest first, so moving or renaming files never changes the sum,
/// and kept to 10⁻⁶, so `1.37 + 3.02` is the 4.39 that was written, equal to a cap of 4.39.
public enum BudgetTotal {
    /// The sum of `budgets`, smallest first, to 10⁻⁶.
    public static func of(_ budgets: [Double]) -> Double {
        shown(budgets.sorted().reduce(0, +))
    }

    /// A sum of budgets as shown and compared: to 10⁻⁶, so `0.1 + 0.2` reads 0.3.
    public static func shown(_ value: Double) -> Double {
        abs(value) < 1e12 ? (value * 1_000_000).rounded() / 1_000_000 : value
    }

    /// True when `spent` is over `cap` once both are read to 10⁻⁶ (a total equal to the cap is within it).
    public static func isOver(_ spent: Double, cap: Double) -> Bool {
        shown(spent) > shown(cap)
    }
}
