using System.Text.Json;
using System.Text.RegularExpressions;

namespace IlmEnergy.Firmware.Metering.Tests;

/// <summary>
/// A small JSON Schema (2020-12) evaluator covering exactly the keywords board.schema.json uses:
/// type, enum, const, required, properties, additionalProperties, items, min/maxItems, minimum, maximum,
/// exclusiveMinimum, minLength, pattern, $ref (local), allOf, oneOf, not, if/then/else. An unknown keyword
/// fails loudly, so the schema cannot silently grow rules this checker ignores.
/// </summary>
internal sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "title", "description", "$defs",
    };

    private readonly JsonElement _root;

    public JsonSchemaSubset(JsonElement root) => _root = root;

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            JsonElement k = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    if (!TypeMatches(k.GetString()!, value))
                    {
                        errors.Add($"{path}: expected {k.GetString()}, got {value.ValueKind}");
                    }

                    break;
                case "enum":
                    if (!k.EnumerateArray().Any(option => JsonEquals(option, value)))
                    {
                        errors.Add($"{path}: {value} is not one of {k}");
                    }

                    break;
                case "const":
                    if (!JsonEquals(k, value))
                    {
                        errors.Add($"{path}: {value} is not {k}");
                    }

                    break;
                case "required":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonElement name in k.EnumerateArray())
                        {
                            if (!value.TryGetProperty(name.GetString()!, out _))
                            {
                                errors.Add($"{path}: missing required '{name.GetString()}'");
                            }
                        }
                    }

                    break;
                case "properties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty p in value.EnumerateObject())
                        {
                            if (k.TryGetProperty(p.Name, out JsonElement sub))
                            {
                                Check(sub, p.Value, $"{path}.{p.Name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.Object && k.ValueKind == JsonValueKind.False)
                    {
                        JsonElement declared = schema.GetProperty("properties");
                        foreach (JsonProperty p in value.EnumerateObject())
                        {
                            if (!declared.TryGetProperty(p.Name, out _))
                            {
                                errors.Add($"{path}: unexpected property '{p.Name}'");
                            }
                        }
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        int i = 0;
                        foreach (JsonElement item in value.EnumerateArray())
                        {
                            Check(k, item, $"{path}[{i++}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() < k.GetInt32())
                    {
                        errors.Add($"{path}: fewer than {k} items");
                    }

                    break;
                case "maxItems":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > k.GetInt32())
                    {
                        errors.Add($"{path}: more than {k} items");
                    }

                    break;
                case "minimum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() < k.GetDouble())
                    {
                        errors.Add($"{path}: {value} < {k}");
                    }

                    break;
                case "maximum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() > k.GetDouble())
                    {
                        errors.Add($"{path}: {value} > {k}");
                    }

                    break;
                case "exclusiveMinimum":
                    if (value.ValueKind == JsonValueKind.Number && value.GetDouble() <= k.GetDouble())
                    {
                        errors.Add($"{path}: {value} <= {k}");
                    }

                    break;
                case "minLength":
                    if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length < k.GetInt32())
                    {
                        errors.Add($"{path}: shorter than {k}");
                    }

                    break;
                case "pattern":
                    if (value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, k.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{value.GetString()}' does not match {k.GetString()}");
                    }

                    break;
                case "$ref":
                    Check(Resolve(k.GetString()!), value, path, errors);
                    break;
                case "allOf":
                    foreach (JsonElement sub in k.EnumerateArray())
                    {
                        Check(sub, value, path, errors);
                    }

                    break;
                case "oneOf":
                    int passing = k.EnumerateArray().Count(sub => Passes(sub, value, path));
                    if (passing != 1)
                    {
                        errors.Add($"{path}: matches {passing} of oneOf");
                    }

                    break;
                case "not":
                    if (Passes(k, value, path))
                    {
                        errors.Add($"{path}: matches a forbidden shape {k}");
                    }

                    break;
                case "if":
                    bool condition = Passes(k, value, path);
                    string branch = condition ? "then" : "else";
                    if (schema.TryGetProperty(branch, out JsonElement chosen))
                    {
                        Check(chosen, value, path, errors);
                    }

                    break;
                case "then":
                case "else":
                    break; // handled with "if"
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        throw new NotSupportedException($"schema keyword '{keyword.Name}' is not supported by this checker");
                    }

                    break;
            }
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string path)
    {
        var scratch = new List<string>();
        Check(schema, value, path, scratch);
        return scratch.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/$defs/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local $defs references are supported: {reference}");
        }

        return _root.GetProperty("$defs").GetProperty(reference[Prefix.Length..]);
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.GetDouble() == b.GetDouble();
        }

        return a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText();
    }
}
