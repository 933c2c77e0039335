import Foundation
import Testing

/// `wangge link` on the sample (issue 14): everything linked within quota, inside the district
/// teams, byte-identical reruns, errors with district and amount, --previous-links after the
/// evolved sample's redraw, and the poster's team page.
@Suite(.serialized) struct LinkCLITests {
    static let sample = CLI.packageRoot.appendingPathComponent("sample-geo").path

    /// One partition of the sample, shared by the tests (a scratch directory kept for the suite).
    nonisolated(unsafe) static let fixture: (dir: Scratch, plan: String) = {
        let dir = Scratch()
        let plan = dir.path + "/plan.geojson"
        let r = try! CLI.run(["partition", sample + "/households.geojson", "--relations", sample + "/relations.csv",
                              "--barriers", sample + "/river.geojson", "-k", "21", "--labels", sample + "/labels.csv",
                              "-o", plan, "-q"])
        precondition(r.status == 0, r.stderr)
        return (dir, plan)
    }()

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func sampleIsFullyLinkedWithinQuotaAndDeterministic() throws {
        let (dir, plan) = Self.fixture
        let out1 = dir.path + "/linked1.geojson", out2 = dir.path + "/linked2.geojson"
        let csv1 = dir.path + "/links1.csv", csv2 = dir.path + "/links2.csv"
        let r1 = try CLI.run(["link", plan, "--cadres", Self.sample + "/cadres.csv", "-o", out1, "--csv", csv1, "-q"])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(r1.stdout.contains("1312/1312 households and 141/141 work groups linked"), "\(r1.stdout)")
        #expect(r1.stdout.contains("(21 with a leader)"))
        let r2 = try CLI.run(["link", plan, "--cadres", Self.sample + "/cadres.csv", "-o", out2, "--csv", csv2, "-q"])
        #expect(r2.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out1)) == Data(contentsOf: URL(fileURLWithPath: out2)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: csv1)) == Data(contentsOf: URL(fileURLWithPath: csv2)))

        // Every household's contact is a cadre of its own district's team; every cadre within quota.
        let doc = try Self.json(out1)
        let features = doc["features"] as! [[String: Any]]
        var team: [String: Set<String>] = [:]
        var leaders = 0
        for f in features {
            let p = f["properties"] as! [String: Any]
            guard p["kind"] as? String == "district" else { continue }
            team[p["district"] as! String] = Set(p["team"] as! [String])
            if let l = p["leader"] as? String, !l.isEmpty, p["leader_phone"] is String { leaders += 1 }
        }
        #expect(leaders == 21)
        #expect(team.values.reduce(0) { $0 + $1.count } == 155 && Set(team.values.flatMap { $0 }).count == 155)
        var load: [String: Int] = [:]
        var groupCadre: [String: String] = [:]
        for f in features {
            let p = f["properties"] as! [String: Any]
            guard p["kind"] as? String == "household" else { continue }
            let c = p["contact"] as! String
            #expect(team[p["district"] as! String]!.contains(c), "household \(p["id"]!) linked outside its district")
            #expect(p["contact_name"] is String && p["contact_role"] is String)
            load[c, default: 0] += 1
            let g = p["group"] as! String, gc = p["group_contact"] as! String
            #expect(groupCadre.updateValue(gc, forKey: g) ?? gc == gc, "group \(g) has two cadres")
            #expect(team[p["district"] as! String]!.contains(gc))
        }
        #expect(load.values.reduce(0, +) == 1312 && Set(groupCadre.keys).count == 141)
        let rows = try String(contentsOfFile: csv1, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 155)
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (role, groups, households) = (f[2], Int(f[5])!, Int(f[6])!)
            #expect(load[f[0]] ?? 0 == households)
            switch role {
            case "town_leader": #expect(households >= 3 && groups == 0)
            case "town_cadre": #expect(households >= 5 && (1...2).contains(groups))
            case "village_cadre": #expect(households == 10 && (1...3).contains(groups))
            default: #expect(households == 10 && groups == 0)
            }
        }

        // The report shows the per-role figures; the poster's team page has names, roles and phones.
        let rep = try CLI.run(["report", out1, "-q"])
        #expect(rep.status == 0 && rep.stdout.contains("village_cadre"), "\(rep.stdout)\(rep.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let pdf = dir.path + "/wall.pdf"
            let pr = try CLI.run(["poster", out1, "-o", pdf, "--paper", "A3", "-q"])
            #expect(pr.status == 0, "\(pr.stderr)")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            p.arguments = [pdf, dir.path + "/wall.txt"]
            try p.run(); p.waitUntilExit()
            let text = try String(contentsOfFile: dir.path + "/wall.txt", encoding: .utf8)
            let firstCadre = try String(contentsOfFile: Self.sample + "/cadres.csv", encoding: .utf8).split(separator: "\n")[1]
                .split(separator: ",").map(String.init)
            for s in [firstCadre[1], firstCadre[6], "镇领导", "村干部", "党员", "片区联系干部"] {
                #expect(text.contains(s), "\(s) missing from the team page")
            }
        }
    }

    @Test func impossibleQuotasNameDistrictAndAmountAndLeaveNoFile() throws {
        let (dir, plan) = Self.fixture
        let quotas = dir.file("quotas.csv", "role,min_households,max_households,min_groups,max_groups\nparty_member,20,20,,0\n")
        let out = dir.path + "/never.geojson"
        let r = try CLI.run(["link", plan, "--cadres", Self.sample + "/cadres.csv", "--quotas", quotas, "-o", out, "-q"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("district D") && r.stderr.contains("short by"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // --allow-partial writes the best partial linking and lists the households left out.
        let p = try CLI.run(["link", plan, "--cadres", Self.sample + "/cadres.csv", "--quotas", quotas, "-o", out, "--allow-partial", "-q"])
        #expect(p.status == 0 && FileManager.default.fileExists(atPath: out), "\(p.stderr)")
        #expect(p.stderr.contains("without a contact") || p.stdout.contains("1312/1312"))
        // Unknown roles: file, line, field, exit 65.
        let bad = dir.file("cadres.csv", "id,name,role,lon,lat\nC1,甲,mayor,116.8,32.64\n")
        let b = try CLI.run(["link", plan, "--cadres", bad, "-o", out, "-q"])
        #expect(b.status == 65 && b.stderr.contains("line 2") && b.stderr.contains("field 'role'"), "\(b.stderr)")
    }

    /// After the evolved sample's redraw, --previous-links keeps ≥ 90% of the links still feasible.
    @Test func previousLinksSurviveARedraw() throws {
        let (dir, plan) = Self.fixture
        let linked = dir.path + "/base-linked.geojson"
        #expect(try CLI.run(["link", plan, "--cadres", Self.sample + "/cadres.csv", "-o", linked, "-q"]).status == 0)
        let redrawn = dir.path + "/redrawn.geojson"
        let rd = try CLI.run(["redraw", Self.sample + "/households-evolved.geojson", "--previous", plan,
                              "--barriers", Self.sample + "/river.geojson", "-o", redrawn, "-q"])
        #expect(rd.status == 0, "\(rd.stderr)")
        let again = dir.path + "/relinked.geojson"
        let r = try CLI.run(["link", redrawn, "--cadres", Self.sample + "/cadres.csv", "--previous-links", linked, "-o", again, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("previous links:") }.map(String.init) ?? ""
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count >= 2, "\(r.stdout)")
        if numbers.count >= 2 {
            let kept = Double(numbers[0]), feasible = Double(numbers[1])
            #expect(feasible > 1000 && kept / feasible >= 0.9, "\(line)")
        }
    }
}
