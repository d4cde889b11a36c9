package dev.purista.aws.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda {@link Context} for tests: a request id and a fixed deadline from the time it is created.
 */
final class TestLambdaContext implements Context {

	private final long deadline;

	TestLambdaContext(long remainingMillis) {
		this.deadline = System.currentTimeMillis() + remainingMillis;
	}

	@Override
	public String getAwsRequestId() {
		return "test-request";
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/test";
	}

	@Override
	public String getLogStreamName() {
		return "test";
	}

	@Override
	public String getFunctionName() {
		return "test";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:eu-central-1:000000000000:function:test";
	}

	@Override
	public CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return (int) Math.max(0, this.deadline - System.currentTimeMillis());
	}

	@Override
	public int getMemoryLimitInMB() {
		return 512;
	}

	@Override
	public LambdaLogger getLogger() {
		return new LambdaLogger() {

			@Override
			public void log(String message) {
				System.out.println(message);
			}

			@Override
			public void log(byte[] message) {
				System.out.println(new String(message));
			}

		};
	}

}
