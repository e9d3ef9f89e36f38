using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IlmEnergy.Firmware.Analyzers
{
    /// <summary>
    /// Reports every construct outside nanoFramework's C# subset as an error (ids NF0001..NF0012).
    /// It walks each syntax tree once: syntax alone decides the language features (records,
    /// interpolation, yield, tuples, unsafe, async, query syntax); the semantic model decides the
    /// rest, so inferred generics (<c>var</c>, generic method inference, <c>?.</c> on value types)
    /// are caught as well as written ones. At most one diagnostic per rule and line keeps the
    /// output readable.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoSubsetAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            NanoSubsetRules.Generics,
            NanoSubsetRules.Linq,
            NanoSubsetRules.Async,
            NanoSubsetRules.SpanAndStackalloc,
            NanoSubsetRules.Tuples,
            NanoSubsetRules.Records,
            NanoSubsetRules.StringInterpolation,
            NanoSubsetRules.Dynamic,
            NanoSubsetRules.Yield,
            NanoSubsetRules.Unsafe,
            NanoSubsetRules.BannedApi,
            NanoSubsetRules.DefaultInterfaceMethod);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSemanticModelAction(AnalyzeTree);
        }

        private static void AnalyzeTree(SemanticModelAnalysisContext context)
        {
            Walker walker = new Walker(context);
            walker.Visit(context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken));
        }

        private sealed class Walker
        {
            private readonly SemanticModelAnalysisContext _context;
            private readonly SemanticModel _model;
            private readonly HashSet<string> _reported = new HashSet<string>();

            public Walker(SemanticModelAnalysisContext context)
            {
                _context = context;
                _model = context.SemanticModel;
            }

            public void Visit(SyntaxNode node)
            {
                CheckSyntax(node);
                CheckSymbols(node);
                foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
                {
                    if (child.IsNode)
                    {
                        Visit(child.AsNode());
                    }
                    else
                    {
                        CheckToken(child.AsToken());
                    }
                }
            }

            // Language features recognisable from syntax alone.
            private void CheckSyntax(SyntaxNode node)
            {
                switch (node)
                {
                    case TypeParameterListSyntax _:
                        Report(NanoSubsetRules.Generics, node, "declaration");
                        break;
                    case GenericNameSyntax generic:
                        Report(NanoSubsetRules.Generics, node, "type or method '" + generic.ToString() + "'");
                        break;
                    case QueryExpressionSyntax _:
                        Report(NanoSubsetRules.Linq, node, "query syntax");
                        break;
                    case AwaitExpressionSyntax _:
                        Report(NanoSubsetRules.Async, node, "await");
                        break;
                    case TupleTypeSyntax _:
                    case TupleExpressionSyntax _:
                        Report(NanoSubsetRules.Tuples, node, "'" + node.ToString() + "'");
                        break;
                    case ParenthesizedVariableDesignationSyntax _:
                        Report(NanoSubsetRules.Tuples, node, "deconstruction");
                        break;
                    case RecordDeclarationSyntax record:
                        Report(NanoSubsetRules.Records, record.Identifier, record.Identifier.Text);
                        break;
                    case InterpolatedStringExpressionSyntax _:
                        Report(NanoSubsetRules.StringInterpolation, node);
                        break;
                    case YieldStatementSyntax _:
                        Report(NanoSubsetRules.Yield, node);
                        break;
                    case PointerTypeSyntax _:
                    case FunctionPointerTypeSyntax _:
                        Report(NanoSubsetRules.Unsafe, node, "A pointer type");
                        break;
                    case FixedStatementSyntax _:
                        Report(NanoSubsetRules.Unsafe, node, "fixed");
                        break;
                    case NullableTypeSyntax nullable:
                        ITypeSymbol underlying = _model.GetTypeInfo(nullable.ElementType).Type;
                        if (underlying != null && underlying.IsValueType)
                        {
                            Report(NanoSubsetRules.Generics, node, "Nullable<T> ('" + node.ToString() + "')");
                        }

                        break;
                    case MethodDeclarationSyntax method when method.Parent is InterfaceDeclarationSyntax && (method.Body != null || method.ExpressionBody != null):
                        Report(NanoSubsetRules.DefaultInterfaceMethod, method.Identifier, method.Identifier.Text);
                        break;
                }
            }

            private void CheckToken(SyntaxToken token)
            {
                switch (token.Kind())
                {
                    case SyntaxKind.AsyncKeyword:
                        Report(NanoSubsetRules.Async, token, "async");
                        break;
                    case SyntaxKind.UnsafeKeyword:
                        Report(NanoSubsetRules.Unsafe, token, "unsafe");
                        break;
                    case SyntaxKind.StackAllocKeyword:
                        Report(NanoSubsetRules.SpanAndStackalloc, token, "stackalloc");
                        break;
                }
            }

            // What names and expressions resolve to: catches generics and banned APIs that the
            // source never spells out (var, inferred type arguments, extension methods).
            private void CheckSymbols(SyntaxNode node)
            {
                if (node is SimpleNameSyntax)
                {
                    ISymbol symbol = _model.GetSymbolInfo(node, _context.CancellationToken).Symbol;
                    if (symbol != null)
                    {
                        CheckReferencedSymbol(node, symbol);
                    }
                }

                if (node is ExpressionSyntax expression)
                {
                    CheckExpressionType(expression);
                }
            }

            private void CheckReferencedSymbol(SyntaxNode node, ISymbol symbol)
            {
                if (symbol is IMethodSymbol method && method.IsGenericMethod)
                {
                    Report(NanoSubsetRules.Generics, node, "method '" + method.ToDisplayString() + "'");
                }

                if (BannedApis.IsLinq(symbol))
                {
                    Report(NanoSubsetRules.Linq, node, "'" + symbol.ToDisplayString() + "'");
                }

                if (BannedApis.IsTask(symbol))
                {
                    Report(NanoSubsetRules.Async, node, "'" + symbol.ToDisplayString() + "'");
                }

                if (BannedApis.IsSpanOrMemory(symbol))
                {
                    Report(NanoSubsetRules.SpanAndStackalloc, node, "'" + symbol.ToDisplayString() + "'");
                }

                if (symbol is ITypeSymbol type && type.TypeKind == TypeKind.Dynamic)
                {
                    Report(NanoSubsetRules.Dynamic, node);
                }

                string hint = BannedApis.BannedApiHint(symbol, out string name);
                if (hint != null)
                {
                    Report(NanoSubsetRules.BannedApi, node, name, hint);
                }
            }

            private void CheckExpressionType(ExpressionSyntax expression)
            {
                ITypeSymbol type = _model.GetTypeInfo(expression, _context.CancellationToken).Type;
                if (type == null)
                {
                    return;
                }

                if (type.TypeKind == TypeKind.Dynamic)
                {
                    Report(NanoSubsetRules.Dynamic, expression);
                }
                else if (type.IsTupleType)
                {
                    Report(NanoSubsetRules.Tuples, expression, "type '" + type.ToDisplayString() + "'");
                }
                else if (IsConstructedGeneric(type))
                {
                    Report(NanoSubsetRules.Generics, expression, "type '" + type.ToDisplayString() + "'");
                }
            }

            private static bool IsConstructedGeneric(ITypeSymbol type)
            {
                while (type is IArrayTypeSymbol array)
                {
                    type = array.ElementType;
                }

                return type is INamedTypeSymbol named && named.IsGenericType;
            }

            private void Report(DiagnosticDescriptor rule, SyntaxNode node, params object[] args)
            {
                Report(rule, node.GetLocation(), args);
            }

            private void Report(DiagnosticDescriptor rule, SyntaxToken token, params object[] args)
            {
                Report(rule, token.GetLocation(), args);
            }

            private void Report(DiagnosticDescriptor rule, Location location, object[] args)
            {
                int line = location.GetLineSpan().StartLinePosition.Line;
                if (_reported.Add(rule.Id + ":" + line))
                {
                    _context.ReportDiagnostic(Diagnostic.Create(rule, location, args));
                }
            }
        }
    }
}
