package dev.purista.test.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a loopback port in front of a broker, which a test cuts to simulate an outage without touching
 * the broker itself (which other tests may share).
 * <p>
 * Point the client at {@code 127.0.0.1:}{@link #port()} instead of the broker. {@link #cutConnections()} closes
 * the listening socket and every proxied connection, so clients are disconnected and new connections are refused
 * as if the broker had stopped; {@link #blackHole()} keeps every connection open but lets nothing through, as a
 * network that drops packets does; {@link #dropReplies()} lets requests reach the broker but no answer come
 * back; {@link #restore()} ends each of them. Each proxied connection uses two daemon threads
 * that copy bytes until either side closes. The methods are thread-safe.
 * <pre class="code">
 * try (TcpProxy proxy = new TcpProxy(broker.host(), broker.port()).start()) {
 *     // connect the client to 127.0.0.1:proxy.port()
 *     proxy.cutConnections();
 *     // assert how the client behaves while the broker is unreachable
 *     proxy.restore();
 * }
 * </pre>
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable ServerSocket server;

	private @Nullable Future<?> acceptor;

	private volatile boolean blackHole;

	private volatile boolean dropReplies;

	private int port;

	/**
	 * Create a proxy to a target; call {@link #start()} to listen.
	 * @param host the target's host
	 * @param port the target's port
	 */
	public TcpProxy(String host, int port) {
		this.target = new InetSocketAddress(Objects.requireNonNull(host, "host"), port);
	}

	/**
	 * Listen on a free loopback port. Returns once the port accepts connections.
	 * @return this proxy
	 * @throws IllegalStateException if the proxy was started before
	 * @throws UncheckedIOException if no loopback port can be bound
	 */
	public synchronized TcpProxy start() {
		if (this.server != null) {
			throw new IllegalStateException("The proxy to " + this.target + " was started before");
		}
		listen(0);
		return this;
	}

	/**
	 * The loopback port clients connect to; it stays the same across {@link #cutConnections()} and
	 * {@link #restore()}.
	 * @return the local port, {@code 0} before {@link #start()}
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * Whether the proxy accepts connections now: started and not cut.
	 * @return whether connections are accepted
	 */
	public synchronized boolean isListening() {
		return this.server != null && !this.server.isClosed();
	}

	/**
	 * Stop listening and close every proxied connection: connected clients see the connection drop, new
	 * connections are refused. Returns once both happened; does nothing while cut.
	 */
	public synchronized void cutConnections() {
		closeQuietly(this.server);
		awaitAcceptorExit();
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	/**
	 * Drop everything from now on, as an unreachable network does: proxied connections stay open but carry no
	 * bytes in either direction (what is sent is discarded), and new connections are accepted but never reach the
	 * target. Clients notice only through their own timeouts (heartbeats, handshake and read timeouts).
	 */
	public synchronized void blackHole() {
		this.blackHole = true;
	}

	/**
	 * Carry what clients send to the target but drop every answer from now on, as a connection that breaks after
	 * a request left: the broker does the work and the client never hears of it, until its own timeout. New
	 * connections are still made (their handshake answers are dropped too).
	 */
	public synchronized void dropReplies() {
		this.dropReplies = true;
	}

	/**
	 * Carry bytes again after {@link #cutConnections()}, {@link #blackHole()} or {@link #dropReplies()}; does
	 * nothing while working. After a black hole or dropped replies every connection open now is closed, since
	 * bytes were lost on it. Returns once the port accepts connections.
	 * @throws IllegalStateException if the proxy was not started
	 * @throws UncheckedIOException if the port cannot be bound again
	 */
	public synchronized void restore() {
		if (this.server == null) {
			throw new IllegalStateException("The proxy to " + this.target + " was not started");
		}
		if (this.blackHole || this.dropReplies) {
			this.blackHole = false;
			this.dropReplies = false;
			this.sockets.forEach(TcpProxy::closeQuietly);
			this.sockets.clear();
		}
		if (this.server.isClosed()) {
			listen(this.port);
		}
	}

	/**
	 * Close the listening socket and every proxied connection, and stop the proxy's threads. The proxy cannot be
	 * used afterwards.
	 */
	@Override
	public void close() {
		cutConnections();
		this.threads.shutdownNow();
	}

	private void listen(int port) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			this.server = server;
			this.port = server.getLocalPort();
			this.acceptor = this.threads.submit(() -> accept(server));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on loopback port " + port, ex);
		}
	}

	/**
	 * Wait until the thread that accepted connections has left {@code accept}: until then the operating system may
	 * still complete new connections on the closed socket.
	 */
	private void awaitAcceptorExit() {
		Future<?> acceptor = this.acceptor;
		if (acceptor == null) {
			return;
		}
		try {
			acceptor.get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			// the port is closed as far as this proxy can tell
		}
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				this.threads.execute(() -> connect(server, client));
			}
			catch (IOException ex) {
				// closed by cutConnections()
			}
		}
	}

	private void connect(ServerSocket server, Socket client) {
		if (this.blackHole) {
			hold(client);
			return;
		}
		Socket upstream = new Socket();
		try {
			// forward small frames at once, as the client and the broker on either side expect
			client.setTcpNoDelay(true);
			upstream.setTcpNoDelay(true);
			upstream.connect(this.target, 1000);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(upstream);
			return;
		}
		synchronized (this) {
			if (server.isClosed()) {
				// cut while this connection was being set up
				closeQuietly(client);
				closeQuietly(upstream);
				return;
			}
			this.sockets.add(client);
			this.sockets.add(upstream);
		}
		this.threads.execute(() -> copy(client, upstream, false));
		this.threads.execute(() -> copy(upstream, client, true));
	}

	private void copy(Socket from, Socket to, boolean replies) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (!this.blackHole && !(replies && this.dropReplies)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// a side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	/**
	 * Keep a connection accepted during a black hole open, reading and discarding what the client sends.
	 */
	private void hold(Socket client) {
		this.sockets.add(client);
		this.threads.execute(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = client.getInputStream()) {
				while (in.read(buffer) != -1) {
					// dropped
				}
			}
			catch (IOException ex) {
				// closed by restore() or the client
			}
			finally {
				this.sockets.remove(client);
			}
		});
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// closed either way
		}
	}

}
