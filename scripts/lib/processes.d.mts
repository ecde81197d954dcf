export declare function run(command: string, args: string[], options?: object): Promise<void>;
export declare function waitForHttp(url: string, timeoutMs: number): Promise<void>;
