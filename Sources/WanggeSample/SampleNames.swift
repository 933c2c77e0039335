/// Fake names and numbers for the synthetic sample. None of them belongs to a real person: names are
/// drawn from common surnames and given-name characters, phone numbers follow the plainly fake
/// pattern 138-0000-0001, 138-0000-0002, ….
enum SampleNames {
    static let surnames: [String] = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤").map(String.init)
    static let given: [String] = Array("建国华明丽芳军平秀英红霞伟强磊洋勇艳杰娟涛超敏静梅兰玉春海林东文志永德成刚辉燕琴云峰斌鹏飞宇浩婷雪桂珍凤荣福生长庆淑兴家宝友金良").map(String.init)

    /// The first villages, as in the original case; more are composed from the parts below.
    static let fixedVillages = ["蔡岗", "钱淮", "朱岗", "山王", "孙庙", "毕家岗", "陈巷", "王圩", "李郢"]
    static let placePrefixes = Array("蔡钱朱孙陈王李刘张周吴徐胡高杨黄赵郭何林罗梁宋唐许韩冯邓曹彭董袁潘余杜程苏魏丁姚").map(String.init)
    static let placeSuffixes = ["岗", "圩", "庄", "湾", "集", "店", "营", "桥", "郢", "巷", "洼", "楼"]

    static func personName(_ rng: inout SampleRandom) -> String {
        var name = surnames[rng.below(surnames.count)] + given[rng.below(given.count)]
        if rng.chance(0.7) { name += given[rng.below(given.count)] }
        return name
    }

    /// `count` distinct village (or, in city mode, community) names.
    static func villageNames(count: Int, city: Bool) -> [String] {
        let suffix = city ? "社区" : "村"
        var names: [String] = []
        var seen = Set<String>()
        for base in fixedVillages where names.count < count {
            names.append(base + suffix); seen.insert(base)
        }
        var i = 0
        let combos = placePrefixes.count * placeSuffixes.count
        while names.count < count {
            let round = i / combos, k = i % combos
            // Walk prefixes fastest, so neighbouring indices read differently.
            var base = placePrefixes[k % placePrefixes.count] + placeSuffixes[k / placePrefixes.count]
            if round > 0 { base += String(round + 1) }
            i += 1
            if seen.insert(base).inserted { names.append(base + suffix) }
        }
        return names
    }

    /// 138-0000-0001 style numbers: clearly not real.
    static func phone(_ n: Int) -> String {
        "138-" + pad(n / 10_000 % 10_000, 4) + "-" + pad(n % 10_000, 4)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// 1 → 一, 12 → 十二, 21 → 二十一 (1…99); Arabic digits beyond.
    static func chineseNumeral(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九").map(String.init)
        guard n > 0 && n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
