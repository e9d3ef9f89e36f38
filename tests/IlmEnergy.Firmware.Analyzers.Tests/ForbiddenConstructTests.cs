using Microsoft.CodeAnalysis;

namespace IlmEnergy.Firmware.Analyzers.Tests;

/// <summary>Each construct nanoFramework 1.x lacks yields its NF error; allowed code yields none.</summary>
public class ForbiddenConstructTests
{
    private static string InClass(string members, string usings = "") =>
        usings + "\nnamespace Probe { public class C {\n" + members + "\n} }";

    private static string InMethod(string body, string usings = "") =>
        InClass("public void M() {\n" + body + "\n}", usings);

    public static TheoryData<string, string> Cases => new()
    {
        // NF0001 generics: declarations, written and inferred uses, Nullable<T>
        { "NF0001", "namespace Probe { public class Box<T> { public T Value; } }" },
        { "NF0001", InClass("public T Echo<T>(T x) { return x; }") },
        { "NF0001", "namespace Probe { public interface IThing<T> { } }" },
        { "NF0001", "namespace Probe { public delegate T Maker<T>(); }" },
        { "NF0001", InMethod("var l = new System.Collections.Generic.List<int>(); l.Add(1);") },
        { "NF0001", InMethod("int? n = null; if (n == null) { }") },
        { "NF0001", InMethod("byte[] e = System.Array.Empty<byte>(); e.ToString();") },
        { "NF0001", InMethod("System.Func<int> f = () => 1; f();") },
        { "NF0001", InMethod("int i = System.Array.IndexOf(new int[1], 1); i++;") },
        { "NF0001", InMethod("var f = () => 1; f();") },
        { "NF0001", InMethod("string s = \"x\"; var n = s?.Length; n.ToString();") },
        { "NF0001", InClass("public System.Collections.Generic.Dictionary<string, int> Map;") },
        // NF0002 LINQ
        { "NF0002", InMethod("int[] a = { 1 }; var q = from x in a where x > 0 select x; q.ToString();", "using System.Linq;") },
        { "NF0002", InMethod("int[] a = { 1 }; int n = System.Linq.Enumerable.Count(a); n++;") },
        { "NF0002", InMethod("", "using System.Linq;") },
        // NF0003 async/await/Task
        { "NF0003", InClass("public async void Run() { await System.Threading.Tasks.Task.Delay(1); }") },
        { "NF0003", InClass("public System.Threading.Tasks.Task Run() { return null; }") },
        { "NF0003", InMethod("", "using System.Threading.Tasks;") },
        // NF0004 Span/Memory/stackalloc
        { "NF0004", InMethod("System.Span<byte> s = new byte[4]; s[0] = 1;") },
        { "NF0004", InMethod("System.ReadOnlyMemory<byte> m = default; m.ToString();") },
        { "NF0004", InMethod("System.Span<byte> s = stackalloc byte[4]; s[0] = 1;") },
        // NF0005 tuples and deconstruction
        { "NF0005", InMethod("var t = (1, 2); t.ToString();") },
        { "NF0005", InClass("public (int A, int B) Pair() { return default; }") },
        { "NF0005", InMethod("var (a, b) = (1, 2); a += b;") },
        { "NF0005", InMethod("int a = 1, b = 2; (a, b) = (b, a);") },
        // NF0006 records
        { "NF0006", "namespace Probe { public record Reading(int Value); }" },
        { "NF0006", "namespace Probe { public record struct Point(int X, int Y); }" },
        // NF0007 interpolation
        { "NF0007", InMethod("int v = 3; string s = $\"v={v}\"; s.ToString();") },
        // NF0008 dynamic
        { "NF0008", InMethod("dynamic d = 1; d.ToString();") },
        // NF0009 yield
        { "NF0009", InClass("public System.Collections.IEnumerable Items() { yield return 1; }") },
        // NF0010 unsafe
        { "NF0010", InClass("public unsafe void Raw() { }") },
        { "NF0010", InMethod("unsafe { int x = 1; int* p = &x; *p = 2; }") },
        { "NF0010", InClass("public unsafe void Pin(byte[] a) { fixed (byte* p = a) { *p = 1; } }") },
        // NF0011 banned APIs
        { "NF0011", InMethod("byte[] a = new byte[2]; byte[] b = new byte[2]; System.Buffer.BlockCopy(a, 0, b, 0, 2);") },
        { "NF0011", InMethod("int v = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(new byte[4]); v++;") },
        { "NF0011", InMethod("System.Numerics.BigInteger b = 1; b.ToString();") },
        { "NF0011", InMethod("var v = System.Enum.GetValues(typeof(System.DayOfWeek)); v.ToString();") },
        { "NF0011", InMethod("new System.Text.StringBuilder().AppendFormat(\"{0}\", 1);") },
        { "NF0011", InMethod("", "using System.Buffers;") },
        // NF0012 default interface methods
        { "NF0012", "namespace Probe { public interface IMeter { int Read() { return 0; } } }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForbiddenConstructIsAnError(string expectedId, string source)
    {
        var diagnostics = AnalyzerHarness.Analyze(source);
        Assert.Contains(diagnostics, d => d.Id == expectedId && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void EveryRuleIsCoveredByACase()
    {
        var ids = Cases.Select(row => (string)row[0]).Distinct().OrderBy(x => x);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"NF{i:0000}"), ids);
    }

    [Fact]
    public void OneDiagnosticPerRuleAndLine()
    {
        var diagnostics = AnalyzerHarness.Analyze(InMethod("var l = new System.Collections.Generic.List<int>(); l.Add(1);"));
        Assert.Single(diagnostics, d => d.Id == "NF0001" && d.Location.GetLineSpan().StartLinePosition.Line == 3);
    }

    [Fact]
    public void CodeWithinTheSubsetHasNoDiagnostics()
    {
        const string allowed = """
            using System;
            using System.Collections;
            using System.Text;
            using System.Threading;

            namespace Probe
            {
                public enum Mode { Off = 0, On = 1 }

                public struct Pair { public int A; public int B; }

                public delegate void Changed(object sender, int value);

                public interface IMeter { int Read(); }

                public static class Util
                {
                    public const int Size = 4;

                    public static bool TryParse(string s, out int value)
                    {
                        value = 0;
                        foreach (char c in s)
                        {
                            if (c < '0' || c > '9') { return false; }
                            value = value * 10 + (c - '0');
                        }

                        return true;
                    }
                }

                public class Plug : IMeter, IDisposable
                {
                    private readonly object _lock = new object();
                    private readonly ArrayList _items = new ArrayList();
                    private readonly Hashtable _byName = new Hashtable();
                    private readonly byte[][] _frames = new byte[2][];
                    private Timer _timer;
                    private Thread _worker;

                    public event Changed OnChanged;

                    public Mode Mode { get; set; }

                    public int Read()
                    {
                        lock (_lock)
                        {
                            _items.Add(1);
                            _byName["a"] = 2;
                            foreach (object o in _items) { o.ToString(); }
                            byte[] copy = new byte[Util.Size];
                            Array.Copy(new byte[Util.Size], copy, Util.Size);
                            _frames[0] = copy;
                            byte[] utf8 = Encoding.UTF8.GetBytes("x=" + _items.Count.ToString());
                            switch (Mode)
                            {
                                case Mode.On: return utf8.Length;
                                default: return (int)(_byName["a"] ?? 0);
                            }
                        }
                    }

                    public void Start()
                    {
                        _timer = new Timer(Tick, null, 0, 1000);
                        _worker = new Thread(Work);
                        _worker.Start();
                    }

                    private void Tick(object state)
                    {
                        Changed handler = OnChanged;
                        if (handler != null) { handler(this, Read()); }
                    }

                    private void Work()
                    {
                        try { Thread.Sleep(1); }
                        catch (Exception e) { throw new InvalidOperationException("worker: " + e.Message); }
                    }

                    public void Dispose() { _timer.Dispose(); }
                }
            }
            """;
        Assert.Empty(AnalyzerHarness.Analyze(allowed));
    }

    [Fact]
    public void TheFirmwareLibrariesPassTheAnalyzer()
    {
        // Compiled together because they reference each other (Protocol → Crypto, Device → Protocol, Metering).
        char sep = Path.DirectorySeparatorChar;
        string[] sources = new[] { "IlmEnergy.Firmware.Crypto", "IlmEnergy.Firmware.Protocol", "IlmEnergy.Firmware.Metering", "IlmEnergy.Firmware.Device" }
            .SelectMany(library => Directory.GetFiles(Path.Combine(RepoRoot.Path, "firmware", library), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{sep}obj{sep}") && !p.Contains($"{sep}bin{sep}") && !p.Contains($"{sep}Properties{sep}"))
            .Select(File.ReadAllText)
            .ToArray();
        Assert.True(sources.Length > 80);
        Assert.Empty(AnalyzerHarness.Analyze(sources));
    }
}
