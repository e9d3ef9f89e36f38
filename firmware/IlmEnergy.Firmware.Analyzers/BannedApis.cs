using Microsoft.CodeAnalysis;

namespace IlmEnergy.Firmware.Analyzers
{
    /// <summary>
    /// Which referenced symbols break the nanoFramework subset, decided from the symbol's
    /// namespace and containing type (so aliases and fully qualified names are caught too).
    /// </summary>
    internal static class BannedApis
    {
        /// <summary>Returns a hint for NF0011 when the symbol is on the banned list, otherwise null.</summary>
        public static string BannedApiHint(ISymbol symbol, out string name)
        {
            INamedTypeSymbol type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
            string ns = NamespaceOf(symbol);
            name = symbol.ToDisplayString();

            if (type != null && FullName(type) == "System.Buffer")
            {
                return "use Array.Copy";
            }

            if (ns == "System.Buffers" || ns.StartsWith("System.Buffers.", System.StringComparison.Ordinal))
            {
                return "shift and mask bytes by hand (BinaryPrimitives and pools are missing)";
            }

            if (ns == "System.Numerics" || ns.StartsWith("System.Numerics.", System.StringComparison.Ordinal))
            {
                return "use long/ulong arithmetic on arrays (no BigInteger or vectors)";
            }

            if (type != null && FullName(type) == "System.Enum" &&
                (symbol.Name == "GetValues" || symbol.Name == "GetNames" || symbol.Name == "IsDefined"))
            {
                return "list the values explicitly (a switch or an array)";
            }

            if (type != null && FullName(type) == "System.Text.StringBuilder" && symbol.Name == "AppendFormat")
            {
                return "use Append with ToString()";
            }

            return null;
        }

        public static bool IsLinq(ISymbol symbol)
        {
            string ns = NamespaceOf(symbol);
            return ns == "System.Linq" || ns.StartsWith("System.Linq.", System.StringComparison.Ordinal);
        }

        public static bool IsTask(ISymbol symbol)
        {
            return NamespaceOf(symbol) == "System.Threading.Tasks";
        }

        public static bool IsSpanOrMemory(ISymbol symbol)
        {
            INamedTypeSymbol type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
            if (type == null)
            {
                return false;
            }

            string name = FullName(type.OriginalDefinition);
            return name == "System.Span<T>" || name == "System.ReadOnlySpan<T>" ||
                   name == "System.Memory<T>" || name == "System.ReadOnlyMemory<T>";
        }

        private static string NamespaceOf(ISymbol symbol)
        {
            INamespaceSymbol ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
            return ns == null || ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString();
        }

        private static string FullName(INamedTypeSymbol type)
        {
            return type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        }
    }
}
