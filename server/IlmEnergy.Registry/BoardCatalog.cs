using System.Text.Json;

namespace IlmEnergy.Registry;

/// <summary>
/// The supported boards, read from the same hardware/boards/*.json files the firmware is built
/// from. A missing or malformed file fails start-up with the file name and the field at fault.
/// </summary>
public sealed class BoardCatalog
{
    private readonly Dictionary<string, BoardDefinition> boards;

    public BoardCatalog(IEnumerable<BoardDefinition> boards)
    {
        this.boards = new Dictionary<string, BoardDefinition>(StringComparer.Ordinal);
        foreach (var board in boards)
        {
            if (!this.boards.TryAdd(board.Id, board))
                throw new InvalidDataException($"Board '{board.Id}' is defined twice.");
        }
    }

    public IReadOnlyCollection<BoardDefinition> All => boards.Values;

    public BoardDefinition? Find(string id) => boards.GetValueOrDefault(id);

    /// <summary>Loads every *.json board file of a folder (schema files are skipped).</summary>
    public static BoardCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Board definitions folder '{directory}' does not exist.");
        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new InvalidDataException($"No board definitions in '{directory}'.");
        return new BoardCatalog(files.Select(LoadFile));
    }

    public static BoardDefinition LoadFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        string Text(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
                ? s
                : throw new InvalidDataException($"{Path.GetFileName(path)}: '{name}' must be a non-empty string.");
        JsonElement Object(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : throw new InvalidDataException($"{Path.GetFileName(path)}: '{name}' must be an object.");
        int Positive(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d > 0
                ? (int)Math.Round(d, MidpointRounding.AwayFromZero)
                : throw new InvalidDataException($"{Path.GetFileName(path)}: 'rated.{name}' must be a positive number.");

        var id = Text(root, "id");
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id != expectedId)
            throw new InvalidDataException($"{Path.GetFileName(path)}: id '{id}' must equal the file name '{expectedId}'.");
        var rated = Object(root, "rated");
        return new BoardDefinition(
            id,
            Text(root, "name"),
            Text(Object(root, "meter"), "chip"),
            Positive(rated, "voltageV"),
            Positive(rated, "currentA"),
            Positive(rated, "powerW"));
    }
}
