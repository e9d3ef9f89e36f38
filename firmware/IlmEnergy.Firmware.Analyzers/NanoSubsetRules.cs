using Microsoft.CodeAnalysis;

namespace IlmEnergy.Firmware.Analyzers
{
    /// <summary>
    /// One diagnostic per construct that .NET nanoFramework 1.x cannot compile or run
    /// (nanoFramework's documented simplifications: no generics, no async, SpanByte only). All are errors: the host build of a
    /// firmware library must fail exactly where the device build would.
    /// </summary>
    public static class NanoSubsetRules
    {
        private const string Category = "nanoFramework";

        public static readonly DiagnosticDescriptor Generics = Rule(
            "NF0001", "Generics are not available on nanoFramework",
            "Generic {0} is not supported by nanoFramework 1.x; use arrays, ArrayList or Hashtable");

        public static readonly DiagnosticDescriptor Linq = Rule(
            "NF0002", "LINQ is not available on nanoFramework",
            "LINQ ({0}) is not supported by nanoFramework; write a loop");

        public static readonly DiagnosticDescriptor Async = Rule(
            "NF0003", "async/await and Task are not available on nanoFramework",
            "{0} is not supported by nanoFramework; use Thread, Timer or events");

        public static readonly DiagnosticDescriptor SpanAndStackalloc = Rule(
            "NF0004", "Span, Memory and stackalloc are not available on nanoFramework",
            "{0} is not supported by nanoFramework 1.x; use byte[] with offset and count");

        public static readonly DiagnosticDescriptor Tuples = Rule(
            "NF0005", "Tuples are not available on nanoFramework",
            "Tuple {0} is not supported by nanoFramework; use a small class or out parameters");

        public static readonly DiagnosticDescriptor Records = Rule(
            "NF0006", "Records are not available on nanoFramework",
            "Record '{0}' is not supported by nanoFramework; use a class or struct");

        public static readonly DiagnosticDescriptor StringInterpolation = Rule(
            "NF0007", "String interpolation is not available on nanoFramework",
            "String interpolation is not supported by nanoFramework; concatenate with + and ToString()");

        public static readonly DiagnosticDescriptor Dynamic = Rule(
            "NF0008", "dynamic is not available on nanoFramework",
            "dynamic is not supported by nanoFramework");

        public static readonly DiagnosticDescriptor Yield = Rule(
            "NF0009", "yield iterators are not available on nanoFramework",
            "yield is not supported by nanoFramework; return an array");

        public static readonly DiagnosticDescriptor Unsafe = Rule(
            "NF0010", "Unsafe code is not available in firmware libraries",
            "{0} is not allowed in firmware libraries");

        public static readonly DiagnosticDescriptor BannedApi = Rule(
            "NF0011", "API missing on nanoFramework",
            "'{0}' does not exist on nanoFramework; {1}");

        public static readonly DiagnosticDescriptor DefaultInterfaceMethod = Rule(
            "NF0012", "Default interface methods are not available on nanoFramework",
            "Interface member '{0}' has a body; nanoFramework does not support default interface methods");

        private static DiagnosticDescriptor Rule(string id, string title, string message)
        {
            return new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
        }
    }
}
