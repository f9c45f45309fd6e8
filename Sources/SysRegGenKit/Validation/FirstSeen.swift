/// The first occurrence of each key in a list read in order, with a value kept for it: what
/// finds a repeated field name or enumeration value.
///
/// The lists of a register file are short (a register's fields, a field's values), and
/// searching a few dozen keys costs less than hashing each one into a dictionary made for
/// every list; a long list gets the dictionary all the same, so that reading it stays linear.
struct FirstSeen<Key: Hashable, Value> {
    /// Every key kept, in order; `values` has their values.
    private var keys: [Key] = []
    private var values: [Value] = []
    /// Each key's place in `keys`, once there are more than ``searchedCount``.
    private var places: [Key: Int]?
    /// How many keys the list may have, to reserve room for.
    private let capacity: Int

    /// The most keys searched one by one.
    private static var searchedCount: Int { 32 }

    /// An empty list, with room for `capacity` keys.
    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(min(capacity, Self.searchedCount + 1))
        values.reserveCapacity(min(capacity, Self.searchedCount + 1))
    }

    /// The value kept for `key`, if it came before.
    func value(for key: Key) -> Value? {
        let place = places.map { $0[key] } ?? keys.firstIndex(of: key)
        return place.map { values[$0] }
    }

    /// Keeps `value` for `key`, which did not come before.
    mutating func insert(_ key: Key, _ value: Value) {
        keys.append(key)
        values.append(value)
        if places != nil {
            places?[key] = keys.count - 1
        } else if keys.count > Self.searchedCount {
            var places: [Key: Int] = [:]
            places.reserveCapacity(capacity)
            for (place, key) in keys.enumerated() { places[key] = place }
            self.places = places
        }
    }
}
