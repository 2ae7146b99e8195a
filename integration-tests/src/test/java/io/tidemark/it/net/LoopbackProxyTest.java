package io.tidemark.it.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy the outage scenario relies on does what it claims, against an echo server: forwards
 * bytes both ways; a cut ends live connections and refuses new ones; a restore forwards again on
 * the same port.
 */
class LoopbackProxyTest {

    private ServerSocket echoServer;
    private ExecutorService echoThreads;
    private LoopbackProxy proxy;

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThreads = Executors.newCachedThreadPool();
        echoThreads.execute(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket client = echoServer.accept();
                    echoThreads.execute(() -> echo(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        proxy = LoopbackProxy.start("127.0.0.1", echoServer.getLocalPort());
    }

    private static void echo(Socket client) {
        try (client;
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
        echoThreads.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(text.length());
        return new String(answer);
    }

    /** Whether a new connection through the proxy fails: refused, reset, or ended before any answer. */
    private boolean newConnectionIsRefused() throws IOException {
        try (Socket socket = connect()) {
            return readAfterWriting(socket, "hello") == -1;
        } catch (ConnectException refused) {
            return true;
        }
    }

    /** The first byte read after writing {@code text}, or -1 when the connection was closed or reset. */
    private static int readAfterWriting(Socket socket, String text) throws IOException {
        try {
            socket.getOutputStream().write(text.getBytes());
            return socket.getInputStream().read();
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "ping")).isEqualTo("ping");
        }
        assertThat(proxy.connectionsForwarded()).isEqualTo(1);
    }

    @Test
    void aCutEndsLiveConnectionsAndRefusesNewOnes() throws IOException {
        try (Socket live = connect()) {
            assertThat(roundTrip(live, "before")).isEqualTo("before");

            proxy.cut();

            assertThat(readAfterWriting(live, "after"))
                    .as("a cut connection is closed (EOF or reset)")
                    .isEqualTo(-1);
            assertThat(newConnectionIsRefused())
                    .as("a new connection after the cut is refused")
                    .isTrue();
            assertThat(proxy.isUp()).isFalse();
        }
    }

    @Test
    void aRestoreForwardsConnectionsOnTheSamePortAgain() throws IOException {
        int port = proxy.port();
        proxy.cut();

        proxy.restore();

        try (Socket socket = connect()) {
            assertThat(socket.getPort()).isEqualTo(port);
            assertThat(roundTrip(socket, "again")).isEqualTo("again");
        }
    }
}
