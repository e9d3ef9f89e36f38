using System;
using System.Collections;
using System.IO;
using IlmEnergy.Firmware.Device;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// IFileStore over System.IO.File/FileStream on nanoFramework's LittleFS drive ("I:\\").
    /// Streams are always disposed: LittleFS commits a file's data when it is closed.
    /// </summary>
    public sealed class LittleFsFileStore : IFileStore
    {
        private readonly string _root;

        public LittleFsFileStore(string root)
        {
            _root = root;
        }

        public bool Exists(string name)
        {
            return File.Exists(FlashFileNames.ToPath(_root, name));
        }

        public long Length(string name)
        {
            string path = FlashFileNames.ToPath(_root, name);
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return stream.Length;
            }
        }

        public byte[] ReadAll(string name)
        {
            string path = FlashFileNames.ToPath(_root, name);
            if (!File.Exists(path))
            {
                return null;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return ReadExactly(stream, (int)stream.Length);
            }
        }

        public byte[] Read(string name, long position, int count)
        {
            string path = FlashFileNames.ToPath(_root, name);
            if (!File.Exists(path))
            {
                return null;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                long available = stream.Length - position;
                if (position < 0 || count <= 0 || available <= 0)
                {
                    return new byte[0];
                }

                stream.Seek(position, SeekOrigin.Begin);
                return ReadExactly(stream, available < count ? (int)available : count);
            }
        }

        public void WriteAll(string name, byte[] data)
        {
            string path = FlashFileNames.ToPath(_root, name);
            using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                if (data != null && data.Length > 0)
                {
                    stream.Write(data, 0, data.Length);
                }

                stream.Flush();
            }
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            string path = FlashFileNames.ToPath(_root, name);
            using (FileStream stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write))
            {
                stream.Seek(0, SeekOrigin.End);
                if (count > 0)
                {
                    stream.Write(data, offset, count);
                }

                stream.Flush();
            }
        }

        public void Delete(string name)
        {
            string path = FlashFileNames.ToPath(_root, name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        public string[] List(string prefix)
        {
            string[] paths = Directory.GetFiles(_root);
            ArrayList names = new ArrayList();
            for (int i = 0; i < paths.Length; i++)
            {
                string name = FlashFileNames.NameOf(paths[i]);
                if (FlashFileNames.HasPrefix(name, prefix))
                {
                    names.Add(name);
                }
            }

            string[] result = new string[names.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)names[i];
            }

            return result;
        }

        private static byte[] ReadExactly(FileStream stream, int count)
        {
            byte[] buffer = new byte[count];
            int done = 0;
            while (done < count)
            {
                int read = stream.Read(buffer, done, count - done);
                if (read <= 0)
                {
                    throw new IOException("file ended early");
                }

                done += read;
            }

            return buffer;
        }
    }
}
