/// The district fill colours shared by the plan file (`fill`, the simplestyle convention) and the
/// wall map, so a plan opened in geojson.io or QGIS shows the colours of the poster on the wall:
/// Paul Tol's "light" qualitative scheme (https://personal.sron.nl/~pault/), designed to stay
/// distinguishable under the common colour-vision deficiencies and light enough for black text
/// and household dots on top. Nine colours, ordered so that the first six are the most distinct.
public enum DistrictFills {
    /// 0xRRGGBB per colour index.
    public static let rgb: [UInt32] = [
        0x77AADD, // light blue
        0xEE8866, // orange
        0xEEDD88, // light yellow
        0xFFAABB, // pink
        0x99DDFF, // light cyan
        0x44BB99, // mint
        0xBBCC33, // pear
        0xAAAA00, // olive
        0xDDDDDD, // pale grey
    ]

    /// The palette position of a colour index (indices wrap around the nine colours).
    public static func slot(_ index: Int) -> Int {
        let k = rgb.count
        return ((index % k) + k) % k
    }

    /// "#RRGGBB" (upper-case hex) for a colour index.
    public static func hex(_ index: Int) -> String {
        let v = rgb[slot(index)]
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for shift in stride(from: 20, through: 0, by: -4) { s.append(digits[Int((v >> UInt32(shift)) & 0xF)]) }
        return s
    }
}
